package io.github.bjsonrpc.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.RemoteObject;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.JsonValues;
import io.github.bjsonrpc.wire.ReplyMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The requests this side sent on one connection and still waits for: their ids, their limit, their deadlines (see
 * {@link DeadlineSweep}), the conversion of their results, and their failure when the connection closes. A request
 * registered while the connection closes is failed by whichever of the two removes it from the table: the closing
 * or the registering thread.
 */
final class PendingCalls {

    private final Connection connection;
    private final ObjectMapper values;
    private final LongSupplier ids;
    private final int maxPending;
    private final TrafficCounters traffic;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final DeadlineSweep deadlines;
    /** Turns {@code {"__remoteobject__":NAME}} in untyped results into handles on this connection. */
    private final JsonValues.References remoteObjects = this::remoteObject;
    private volatile ConnectionClosedException closed;

    /**
     * @param connection the connection the requests went out on
     * @param values converts their results
     * @param ids numbers the requests (the counter the connection's exported objects share, as in the reference)
     * @param maxPending how many may wait at once
     * @param callTimeout how long a request waits for its reply before it fails, unless a caller waits longer
     * @param traffic counts the limit when reached
     */
    PendingCalls(Connection connection, ObjectMapper values, LongSupplier ids, int maxPending,
            Duration callTimeout, TrafficCounters traffic) {
        this.connection = connection;
        this.values = values;
        this.ids = ids;
        this.maxPending = maxPending;
        this.traffic = traffic;
        this.deadlines = new DeadlineSweep(pending.values(), callTimeout);
    }

    /** The id of the next request. */
    long nextId() {
        return ids.getAsLong();
    }

    /**
     * Waits for replies to {@code id} from now on.
     *
     * @param id the request id
     * @param waiter what takes its replies
     * @param method the method, for messages
     * @throws ConnectionClosedException if the connection is closed or closing
     * @throws BjsonRpcException if {@code maxPendingRequests} requests already wait
     */
    void register(long id, Pending waiter, String method) {
        ensureOpen(method);
        if (pending.size() >= maxPending) {
            traffic.limitReached("pending-requests");
            throw new BjsonRpcException("Connection " + connection.id() + " already has " + maxPending
                + " requests waiting for replies (maxPendingRequests): wait for some before sending '" + method
                + "'");
        }
        pending.put(id, waiter);
        deadlines.added();
        // closed meanwhile: the closing thread fails it, unless this thread takes it back first
        if (closed != null && pending.remove(id, waiter)) {
            throw closedFor(method);
        }
    }

    /**
     * @param method the method about to be sent, for the message
     * @throws ConnectionClosedException if the connection has closed
     */
    void ensureOpen(String method) {
        if (closed != null) {
            throw closedFor(method);
        }
    }

    private ConnectionClosedException closedFor(String method) {
        return new ConnectionClosedException("Cannot send '" + method + "': connection " + connection.id()
            + " is closed");
    }

    /** Stops waiting for replies to {@code id}, if {@code waiter} still waits for them. */
    void forget(long id, Pending waiter) {
        pending.remove(id, waiter);
    }

    /**
     * On the I/O thread: routes a reply to the request it answers.
     *
     * @param reply the reply
     * @param bytes its share of the line that carried it
     * @return whether a request of ours took it
     */
    boolean onReply(ReplyMessage reply, int bytes) {
        JsonNode replyId = reply.id();
        Pending target = replyId != null && replyId.isIntegralNumber() && replyId.canConvertToLong()
            ? pending.get(replyId.longValue()) : null;
        if (target == null) {
            traffic.dropped("unknown-reply-id");
            return false;
        }
        target.onReply(reply, bytes);
        return true;
    }

    /**
     * Fails every waiting request and every one registered from now on.
     *
     * @param failure what they fail with
     */
    void failAll(ConnectionClosedException failure) {
        closed = failure;
        for (Long id : pending.keySet()) {
            Pending lost = pending.remove(id);
            if (lost != null) {
                lost.fail(failure);
            }
        }
    }

    /** How many requests wait. */
    int size() {
        return pending.size();
    }

    /** The peer's error reply as an exception. */
    RemoteError remoteError(ReplyMessage reply) {
        return new RemoteError(JsonValues.toJava(reply.error(), JsonValues.References.NONE));
    }

    /**
     * Converts a result to what the caller asked for.
     *
     * @param result the {@code result} member
     * @param type the caller's type: {@code Object} for plain values, {@code RemoteObject} for a handle
     * @param method the method, for messages
     * @param <T> the type
     * @return the converted value
     * @throws BjsonRpcException if it does not convert
     */
    @SuppressWarnings("unchecked")
    <T> T convert(JsonNode result, Class<T> type, String method) {
        if (type == Object.class) {
            return type.cast(JsonValues.toJava(result, remoteObjects));
        }
        if (type == RemoteObject.class) {
            Object handle = remoteObject(result);
            if (handle == null && !result.isNull()) {
                throw new BjsonRpcException("The result of '" + method + "' is not a remote object: " + result);
            }
            return type.cast(handle);
        }
        if (type.isInstance(result)) {
            return type.cast(result);
        }
        if (values == Json.MAPPER) {
            Object plain = JsonValues.scalar(result, type);
            if (plain != null) {
                return (T) plain;
            }
        }
        try {
            return values.treeToValue(result, type);
        } catch (JacksonException e) {
            throw new BjsonRpcException("Cannot convert the result of '" + method + "' to " + type.getName() + ": "
                + e.getOriginalMessage(), e);
        }
    }

    private RemoteObject remoteObject(JsonNode node) {
        JsonNode name = node.isObject() && node.size() == 1 ? node.get(Json.REMOTE_OBJECT) : null;
        return name != null && name.isString() ? new RemoteObject(connection, name.stringValue()) : null;
    }
}

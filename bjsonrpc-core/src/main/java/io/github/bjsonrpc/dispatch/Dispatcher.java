package io.github.bjsonrpc.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the peer's requests against one connection's handler and the objects it exported ({@code NAME.method},
 * {@code NAME.__delete__}): finds the published method, binds the arguments, invokes it (through the connection's
 * {@link io.github.bjsonrpc.RpcInterceptor}s, if any), and has {@link Answers} turn what it returned or threw into
 * replies. Runs on the connection's {@link InboundQueue}: on the handler executor, or on the connection's I/O thread
 * for an {@linkplain io.github.bjsonrpc.Inline inline} method that can start at once. {@link #turnedAway} and
 * {@link #runsInline} decide on the I/O thread how a request runs.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** The member a peer calls to delete an exported object: {@code NAME.__delete__}. */
    private static final String DELETE = "__delete__";

    private final Connection connection;
    private final ReplySink replies;
    private final ObjectTable objects;
    private final RpcObserver observer;
    private final Routes routes;
    private final References references;
    private final ObjectMapper values;
    private final Answers answers;
    private final HandledInterception interception;
    private volatile Object handler;
    private volatile boolean refusing;

    /**
     * @param connection the connection served
     * @param replies where replies go
     * @param objects the objects the connection exported
     * @param observer told of every request handled
     * @param values converts the arguments to the parameters' types
     */
    public Dispatcher(Connection connection, ReplySink replies, ObjectTable objects, RpcObserver observer,
            ObjectMapper values) {
        this.connection = connection;
        this.replies = replies;
        this.objects = objects;
        this.observer = observer;
        this.routes = new Routes(objects, connection.options());
        this.values = values;
        this.references = new References(connection, objects, routes, values);
        this.answers = new Answers(connection, replies);
        this.interception = HandledInterception.of(connection);
    }

    /**
     * Makes the connection's handler and its method routes. Called once, as the connection's
     * {@linkplain InboundQueue#open opening task}: no request runs before it is done.
     *
     * @param factory the handler factory
     * @throws RuntimeException whatever the factory or the method table threw; the connection is unusable then
     */
    public void init(HandlerFactory factory) {
        Object made = factory.create(connection);
        routes.publish(made);
        this.handler = made;
    }

    /** The handler made by {@link #init}, or {@code null}. */
    public Object handler() {
        return handler;
    }

    /**
     * From now on, requests that arrive are answered {@code Server shutting down} instead of running, unless this
     * side is itself waiting for a reply from the peer (the request may be the call-back it needs to finish).
     * Notifications are dropped. Each one is counted as the limit {@code shutting-down}.
     */
    public void refuseNewRequests() {
        refusing = true;
    }

    /**
     * Decides, as a request arrives, whether it is refused because of a shutdown, and answers it if so.
     *
     * @param request a request that just arrived
     * @return whether it was turned away; otherwise it is to be queued and dispatched
     */
    public boolean turnedAway(RequestMessage request) {
        if (!refusing || connection.stats().pendingRequests() > 0) {
            return false;
        }
        observer.limitReached(connection, "shutting-down");
        if (!request.isNotification()) {
            replies.error(request, ErrorMessages.shuttingDown(), MessageWriter.SERVER_ERROR);
        }
        return true;
    }

    /**
     * Whether a request names an {@linkplain io.github.bjsonrpc.Inline inline} method: it may then run on the I/O
     * thread that read it, if it can start at once ({@link InboundQueue#runHere}).
     *
     * @param request a request that just arrived
     * @return whether its method runs inline
     */
    public boolean runsInline(RequestMessage request) {
        Routes.Route route = routes.find(request.method());
        return route != null && route.inline();
    }

    /**
     * Runs one request and writes its replies (none for a notification), now or, for an asynchronous result,
     * when it completes.
     *
     * @param request the request
     */
    public void dispatch(RequestMessage request) {
        String name = request.method();
        Routes.Route route = routes.find(name);
        if (route == null && isDelete(name)) {
            delete(request, name.substring(0, name.length() - DELETE.length() - 1));
            return;
        }
        RpcObserver.CallType type = callType(request);
        RpcObserver.Scope scope = observer.handling(connection, route == null ? RpcObserver.UNKNOWN_METHOD
            : route.observedName(), request.context());
        if (route == null) {
            int dot = name.indexOf('.');
            reject(request, dot > 0 && objects.find(name.substring(0, dot)) == null
                ? ErrorMessages.unknownObject(name.substring(0, dot))
                : ErrorMessages.unknownMethod(name), MessageWriter.METHOD_NOT_FOUND);
            scope.end(type, RpcObserver.Outcome.UNKNOWN_METHOD);
            return;
        }
        Object[] args;
        try {
            args = ArgumentBinder.bind(route.method(), request.params(), request.kwparams(), connection, references,
                values);
        } catch (BindException e) {
            reject(request, e.getMessage(), MessageWriter.INVALID_PARAMS);
            scope.end(type, RpcObserver.Outcome.INVALID_PARAMS);
            return;
        }
        CallContext inline = route.inline() ? CallContext.current() : null;
        Object result;
        try {
            if (inline != null) {
                inline.runningInline(route.observedName());
            }
            result = interception == null ? route.method().invoke(route.target(), args)
                : interception.invoke(request, route.target(), route.method(), args);
        } catch (Throwable failure) {
            answers.failure(request, failure, scope, type);
            if (HandlerFailures.isFatal(failure)) {
                throw (Error) failure;
            }
            return;
        } finally {
            if (inline != null) {
                inline.runningInline(null);
            }
        }
        answers.result(request, result, scope, route.inline());
    }

    private static boolean isDelete(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && name.startsWith(DELETE, dot + 1) && name.length() == dot + 1 + DELETE.length();
    }

    private void delete(RequestMessage request, String objectName) {
        RpcObserver.Scope scope = observer.handling(connection, DELETE);
        objects.delete(objectName);
        if (!request.isNotification()) {
            replies.result(request, null);
        }
        scope.end(callType(request), RpcObserver.Outcome.SUCCESS);
    }

    private static RpcObserver.CallType callType(RequestMessage request) {
        return request.isNotification() ? RpcObserver.CallType.NOTIFY : RpcObserver.CallType.CALL;
    }

    /**
     * Answers an object that had an id but was no message.
     *
     * @param request a stand-in request carrying the id
     */
    public void unknownFormat(RequestMessage request) {
        reject(request, ErrorMessages.unknownFormat(), MessageWriter.INVALID_REQUEST);
    }

    /**
     * Closes the exported objects and the handler objects that are {@link AutoCloseable}; called once when the
     * connection has closed and none of its requests is in flight any more.
     */
    public void close() {
        objects.closeAll();
        for (Object member : Routes.members(handler)) {
            if (member instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Handler {} of connection {} failed to close", member.getClass().getName(),
                        connection.id(), e);
                }
            }
        }
    }

    private void reject(RequestMessage request, String message, int code) {
        if (!request.isNotification()) {
            replies.error(request, message, code);
        }
    }
}

package io.github.bjsonrpc.transport;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.dispatch.PeerFuture;
import io.github.bjsonrpc.dispatch.PeerWaits;
import io.github.bjsonrpc.wire.ReplyMessage;
import tools.jackson.databind.JsonNode;

/**
 * A request of ours answered by its first reply. It has a deadline whether anybody waits for it or not: the
 * connection's call timeout from now, pushed back by a {@link #value(Duration)} that waits longer. Past it the
 * request is forgotten and fails with {@link CallTimeoutException}.
 *
 * <p>The I/O thread only hands the reply's {@code result} over; it is converted to the caller's type where it is
 * asked for, once: by the thread waiting in {@link #value()}, or on the handler executor for the callbacks and the
 * future.
 */
final class PendingRequest<T> extends Pending implements Request<T> {

    private static final Object UNCONVERTED = new Object();

    private final NettyConnection connection;
    private final PendingCalls calls;
    private final ReadThrottle throttle;
    private final long id;
    private final String method;
    private final Class<T> resultType;
    /** The reply's result as it came, or how the request failed. */
    private final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    /** The result converted, once a thread has converted it; {@link #UNCONVERTED} before. */
    private volatile Object converted = UNCONVERTED;
    /** A {@link System#nanoTime()} value; the connection's {@link DeadlineSweep} fails the request past it. */
    private volatile long deadline;

    PendingRequest(NettyConnection connection, PendingCalls calls, ReadThrottle throttle, long id, String method,
            Class<T> resultType) {
        this.connection = connection;
        this.calls = calls;
        this.throttle = throttle;
        this.id = id;
        this.method = method;
        this.resultType = resultType;
        this.deadline = System.nanoTime() + connection.options().callTimeout().toNanos();
    }

    /** Pushes the deadline back to {@code timeout} from now, if that is later. */
    private void keepAtLeast(Duration timeout) {
        long wanted = System.nanoTime() + timeout.toNanos();
        if (wanted - deadline > 0) {
            deadline = wanted;
        }
    }

    @Override
    void expireIfDue(long now) {
        if (now - deadline < 0 || reply.isDone()) {
            return;
        }
        calls.forget(id, this);
        reply.completeExceptionally(new CallTimeoutException("No reply to '" + method + "' #" + id
            + " on connection " + connection.id() + " within " + connection.options().callTimeout()));
    }

    @Override
    void onReply(ReplyMessage message, int bytes) {
        calls.forget(id, this);
        if (message.isError()) {
            reply.completeExceptionally(calls.remoteError(message));
        } else {
            reply.complete(message.result());
        }
    }

    /** Completes when the reply comes or the request fails, with the result as it came. */
    CompletableFuture<JsonNode> future() {
        return reply;
    }

    @Override
    void fail(Throwable failure) {
        reply.completeExceptionally(failure);
    }

    /**
     * The result converted to the caller's type, on the calling thread the first time.
     *
     * @throws io.github.bjsonrpc.BjsonRpcException if it does not convert
     */
    @SuppressWarnings("unchecked")
    private T converted(JsonNode result) {
        Object value = converted;
        if (value == UNCONVERTED) {
            value = calls.convert(result, resultType, method);
            converted = value;
        }
        return (T) value;
    }

    /** Why the result of a successful reply does not convert, or {@code null} if it does. */
    private RuntimeException conversionFailure(JsonNode result) {
        try {
            converted(result);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public T value() {
        // the deadline is now the call timeout from now, where the sweep fails the request: no timed wait needed
        return value(connection.options().callTimeout(), false);
    }

    @Override
    public T value(Duration timeout) {
        return value(timeout, true);
    }

    private T value(Duration timeout, boolean timed) {
        keepAtLeast(timeout);
        if (!reply.isDone()) {
            try {
                awaitReply(timed ? timeout : null);
            } catch (TimeoutException e) {
                calls.forget(id, this);
                CallTimeoutException timedOut = new CallTimeoutException("No reply to '" + method + "' #" + id
                    + " on connection " + connection.id() + " within " + timeout);
                if (reply.completeExceptionally(timedOut)) {
                    throw timedOut;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BjsonRpcException("Interrupted while waiting for '" + method + "'", e);
            } catch (ExecutionException e) {
                // reported below
            }
        }
        JsonNode result;
        try {
            result = reply.getNow(null);
        } catch (CompletionException | CancellationException e) {
            throw CallerFailures.inCallerThread(e);
        }
        try {
            return converted(result);
        } catch (RuntimeException e) {
            // thrown as every failure of value() is: this thread's frames, the first failure as its cause
            throw CallerFailures.inCallerThread(e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (!reply.isDone()) {
            try {
                awaitReply(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the caller looks at isDone()
            }
        }
        return reply.isDone();
    }

    /**
     * Waits for the reply, which may be behind pipe elements nobody consumes: reading goes on meanwhile.
     *
     * @param timeout how long at most, or {@code null} until the request is done
     */
    private void awaitReply(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        throttle.callerWaiting();
        try {
            PeerWaits.await(connection, timeout == null ? reply::get
                : () -> reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } finally {
            throttle.callerDone();
        }
    }

    @Override
    public boolean isDone() {
        return reply.isDone();
    }

    @Override
    public Request<T> onResult(Consumer<? super T> action) {
        reply.whenCompleteAsync((result, failure) -> {
            if (failure == null && conversionFailure(result) == null) {
                action.accept(converted(result));
            }
        }, connection.executor());
        return this;
    }

    @Override
    public Request<T> onError(Consumer<? super Throwable> action) {
        reply.whenCompleteAsync((result, failure) -> {
            Throwable failed = failure != null ? failure : conversionFailure(result);
            if (failed != null) {
                action.accept(failed);
            }
        }, connection.executor());
        return this;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> derived = PeerFuture.completedBy(reply, this::converted, connection,
            connection.executor());
        derived.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                cancel();
            }
        });
        return derived;
    }

    /** Forgets the request: a late reply is dropped, and the request fails with a cancellation. */
    private void cancel() {
        if (!reply.isDone()) {
            calls.forget(id, this);
            reply.completeExceptionally(new CancellationException("'" + method + "' #" + id + " on connection "
                + connection.id() + " was cancelled"));
        }
    }

    @Override
    public String toString() {
        return "Request[" + method + " #" + id + (reply.isDone() ? ", done]" : "]");
    }
}

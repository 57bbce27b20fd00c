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
import io.netty.util.Timeout;

/**
 * A request of ours answered by its first reply. It has a deadline whether anybody waits for it or not: the
 * connection's call timeout from now, pushed back by a {@link #value(Duration)} that waits longer. Past it the
 * request is forgotten and fails with {@link CallTimeoutException}.
 */
final class PendingRequest<T> extends Pending implements Request<T> {

    private final NettyConnection connection;
    private final PendingCalls calls;
    private final ReadThrottle throttle;
    private final long id;
    private final String method;
    private final Class<T> resultType;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    /** A {@link System#nanoTime()} value. */
    private volatile long deadline;
    private volatile Timeout expiry;

    PendingRequest(NettyConnection connection, PendingCalls calls, ReadThrottle throttle, long id, String method,
            Class<T> resultType) {
        this.connection = connection;
        this.calls = calls;
        this.throttle = throttle;
        this.id = id;
        this.method = method;
        this.resultType = resultType;
        long timeout = connection.options().callTimeout().toNanos();
        this.deadline = System.nanoTime() + timeout;
        this.expiry = Deadlines.after(this::expire, timeout);
        future.whenComplete((value, failure) -> expiry.cancel());
    }

    /** Pushes the deadline back to {@code timeout} from now, if that is later. */
    private void keepAtLeast(Duration timeout) {
        long wanted = System.nanoTime() + timeout.toNanos();
        if (wanted - deadline > 0) {
            deadline = wanted;
        }
    }

    /** At the deadline or after: fails the request unless it was pushed back or is done. */
    private void expire() {
        if (future.isDone()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            expiry = Deadlines.after(this::expire, left);
            return;
        }
        calls.forget(id, this);
        future.completeExceptionally(new CallTimeoutException("No reply to '" + method + "' #" + id
            + " on connection " + connection.id() + " within " + connection.options().callTimeout()));
    }

    @Override
    void onReply(ReplyMessage reply, int bytes) {
        calls.forget(id, this);
        if (reply.isError()) {
            future.completeExceptionally(calls.remoteError(reply));
            return;
        }
        try {
            future.complete(calls.convert(reply.result(), resultType, method));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    CompletableFuture<T> future() {
        return future;
    }

    @Override
    void fail(Throwable failure) {
        future.completeExceptionally(failure);
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
        return value(connection.options().callTimeout());
    }

    @Override
    public T value(Duration timeout) {
        keepAtLeast(timeout);
        if (!future.isDone()) {
            try {
                awaitReply(timeout);
            } catch (TimeoutException e) {
                calls.forget(id, this);
                CallTimeoutException timedOut = new CallTimeoutException("No reply to '" + method + "' #" + id
                    + " on connection " + connection.id() + " within " + timeout);
                if (future.completeExceptionally(timedOut)) {
                    throw timedOut;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BjsonRpcException("Interrupted while waiting for '" + method + "'", e);
            } catch (ExecutionException e) {
                // reported below
            }
        }
        try {
            return future.getNow(null);
        } catch (CompletionException | CancellationException e) {
            throw CallerFailures.inCallerThread(e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        if (!future.isDone()) {
            try {
                awaitReply(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the caller looks at isDone()
            }
        }
        return future.isDone();
    }

    /** Waits for the reply, which may be behind pipe elements nobody consumes: reading goes on meanwhile. */
    private void awaitReply(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        throttle.callerWaiting();
        try {
            PeerWaits.await(connection, () -> future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } finally {
            throttle.callerDone();
        }
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public Request<T> onResult(Consumer<? super T> action) {
        future.thenAcceptAsync(action, connection.executor());
        return this;
    }

    @Override
    public Request<T> onError(Consumer<? super Throwable> action) {
        future.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                action.accept(failure);
            }
        }, connection.executor());
        return this;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> derived = PeerFuture.completedBy(future, connection, connection.executor());
        derived.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                cancel();
            }
        });
        return derived;
    }

    /** Forgets the request: a late reply is dropped, and the request fails with a cancellation. */
    private void cancel() {
        if (!future.isDone()) {
            calls.forget(id, this);
            future.completeExceptionally(new CancellationException("'" + method + "' #" + id + " on connection "
                + connection.id() + " was cancelled"));
        }
    }

    @Override
    public String toString() {
        return "Request[" + method + " #" + id + (future.isDone() ? ", done]" : "]");
    }
}

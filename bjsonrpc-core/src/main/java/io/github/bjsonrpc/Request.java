package io.github.bjsonrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request sent to the peer whose reply has not necessarily come yet: the reference's {@code Request}, returned by
 * {@link RpcTarget#method}. The first reply completes it; further replies for its id are dropped.
 *
 * <p>{@link #value()} throws from the waiting thread: the exception's stack trace shows where you waited, and its
 * cause is the same failure as first raised where the reply arrived (or where its result was converted).
 *
 * <p>The result is converted to {@code T} once, where it is first asked for, never on an I/O thread: by the thread
 * waiting in {@link #value()}, or on the connection's handler executor for {@link #onResult},
 * {@link #onError} and {@link #toCompletableFuture()}.
 *
 * <p>Every request has a deadline, whether anybody waits for it or not: the connection's call timeout
 * ({@link ConnectionOptions#callTimeout()}) after it was sent, pushed back by a {@link #value(Duration)} that waits
 * longer. Past it the request is forgotten and fails with {@link CallTimeoutException}: its callbacks and futures
 * always complete. Deadlines are looked at every hundredth of the call timeout (at least every 10 ms, at most every
 * 100 ms), so the failure comes that much after the deadline at most; {@link #value(Duration)} and
 * {@link #await(Duration)} return on time.
 *
 * @param <T> the type the result is converted to
 */
public interface Request<T> {

    /** The id this request was sent with. */
    long id();

    /** The method name as sent. */
    String method();

    /**
     * Waits for the reply within the connection's call timeout ({@link ConnectionOptions#callTimeout()}).
     *
     * @return the result, converted to {@code T}
     * @throws RemoteError if the peer answered with an error
     * @throws CallTimeoutException if no reply came in time (the request is then forgotten)
     * @throws ConnectionClosedException if the connection closed first
     * @throws BjsonRpcException if the result cannot be converted to {@code T}, or the wait was interrupted
     */
    T value();

    /**
     * Waits for the reply within {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the result, converted to {@code T}
     * @throws RemoteError if the peer answered with an error
     * @throws CallTimeoutException if no reply came in time (the request is then forgotten)
     * @throws ConnectionClosedException if the connection closed first
     * @throws BjsonRpcException if the result cannot be converted to {@code T}, or the wait was interrupted
     */
    T value(Duration timeout);

    /**
     * Waits until the request is done (answered, failed, past its deadline or closed), at most {@code timeout};
     * unlike {@link #value(Duration)} it neither throws nor forgets the request when the time runs out, nor pushes
     * its deadline back.
     *
     * @param timeout how long to wait at most
     * @return whether the request is done
     */
    boolean await(Duration timeout);

    /** Whether the reply came, or the request failed. */
    boolean isDone();

    /**
     * Runs {@code action} with the result once it is there, on the connection's handler executor (never on an I/O
     * thread).
     *
     * @param action what to do with the result
     * @return this request
     */
    Request<T> onResult(Consumer<? super T> action);

    /**
     * Runs {@code action} with the failure ({@link RemoteError}, {@link ConnectionClosedException}, ...) if the
     * request fails, on the connection's handler executor.
     *
     * @param action what to do with the failure
     * @return this request
     */
    Request<T> onError(Consumer<? super Throwable> action);

    /**
     * A new future completed with this request's outcome; completing it does not affect the request. Cancelling it
     * cancels the request: it is forgotten (a late reply is dropped, and it no longer counts against
     * {@link ConnectionOptions#maxPendingRequests()}) and fails with a
     * {@link java.util.concurrent.CancellationException}. Dependent stages run on the connection's handler executor
     * unless an async variant names another. Handler code may block on it ({@code join()}, {@code get()}) as on
     * {@link #value()}: while it waits, its connection goes on serving the peer; and a handler may return it (or a
     * stage chained on it) to answer when it completes, without holding a thread.
     */
    CompletableFuture<T> toCompletableFuture();
}

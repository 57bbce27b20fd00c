package io.github.bjsonrpc.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.bjsonrpc.Connection;

/**
 * A future completed by a peer's reply, and every stage chained on it: its blocking {@code get} and {@code join}
 * wait through {@link PeerWaits}, so a handler joining it gives its request slot back meanwhile, exactly as with
 * {@link io.github.bjsonrpc.Request#value()}. A handler returning one answers when it completes, without holding
 * its slot: what it waits for is the peer. Dependent stages run on the connection's handler executor unless an
 * async variant names another.
 *
 * @param <T> the result type
 */
public final class PeerFuture<T> extends CompletableFuture<T> {

    private final Connection connection;
    private final Executor executor;

    private PeerFuture(Connection connection, Executor executor) {
        this.connection = connection;
        this.executor = executor;
    }

    /**
     * A new future completed on {@code executor} with {@code source}'s value as {@code convert} makes it, or with
     * its failure (or the conversion's); completing or cancelling it does not affect {@code source}.
     *
     * @param source the future the reply completes
     * @param convert turns its value into this future's, on {@code executor}
     * @param connection the connection the reply comes on
     * @param executor where conversion, completion and dependent stages run
     * @param <S> the source's type
     * @param <T> the result type
     * @return the new future
     */
    public static <S, T> PeerFuture<T> completedBy(CompletableFuture<S> source,
            Function<? super S, ? extends T> convert, Connection connection, Executor executor) {
        PeerFuture<T> future = new PeerFuture<>(connection, executor);
        source.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                future.completeExceptionally(failure);
                return;
            }
            T converted;
            try {
                converted = convert.apply(value);
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return;
            }
            future.complete(converted);
        }, executor);
        return future;
    }

    /** The connection whose peer completes this future. */
    public Connection connection() {
        return connection;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new PeerFuture<>(connection, executor);
    }

    @Override
    public Executor defaultExecutor() {
        return executor;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (isDone()) {
            return super.get();
        }
        try {
            return PeerWaits.await(connection, super::get);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (isDone()) {
            return super.get();
        }
        return PeerWaits.await(connection, () -> super.get(timeout, unit));
    }

    @Override
    public T join() {
        if (isDone()) {
            return super.join();
        }
        try {
            return PeerWaits.await(connection, super::join);
        } catch (InterruptedException | ExecutionException | TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

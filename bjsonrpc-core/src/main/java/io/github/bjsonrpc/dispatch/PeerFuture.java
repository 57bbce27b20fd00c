package io.github.bjsonrpc.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
     * A new future completed with {@code source}'s outcome on {@code executor}; completing or cancelling it does
     * not affect {@code source}.
     *
     * @param source the future the reply completes
     * @param connection the connection the reply comes on
     * @param executor where completion and dependent stages run
     * @param <T> the result type
     * @return the new future
     */
    public static <T> PeerFuture<T> completedBy(CompletableFuture<T> source, Connection connection,
            Executor executor) {
        PeerFuture<T> future = new PeerFuture<>(connection, executor);
        source.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(failure);
            }
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

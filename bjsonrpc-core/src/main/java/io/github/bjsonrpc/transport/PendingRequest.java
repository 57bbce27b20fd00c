package io.github.bjsonrpc.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.wire.ReplyMessage;

/** A request of ours answered by its first reply. */
final class PendingRequest<T> extends Pending implements Request<T> {

    private final NettyConnection connection;
    private final long id;
    private final String method;
    private final Class<T> resultType;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    PendingRequest(NettyConnection connection, long id, String method, Class<T> resultType) {
        this.connection = connection;
        this.id = id;
        this.method = method;
        this.resultType = resultType;
    }

    @Override
    void onReply(ReplyMessage reply) {
        connection.forget(id, this);
        if (reply.isError()) {
            future.completeExceptionally(connection.remoteError(reply));
            return;
        }
        try {
            future.complete(connection.convert(reply.result(), resultType, method));
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
        return connection.await(future, timeout, this);
    }

    @Override
    public boolean await(Duration timeout) {
        connection.awaitQuietly(future, timeout);
        return future.isDone();
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
        return future.thenApplyAsync(value -> value, connection.executor());
    }

    @Override
    public String toString() {
        return "Request[" + method + " #" + id + (future.isDone() ? ", done]" : "]");
    }
}

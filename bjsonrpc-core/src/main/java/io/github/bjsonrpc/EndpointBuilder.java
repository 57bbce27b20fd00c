package io.github.bjsonrpc;

import java.util.Objects;

import io.netty.handler.ssl.SslContext;

/**
 * What {@link BjsonRpcServer.Builder} and {@link BjsonRpcClient.Builder} configure alike: the handler of each
 * connection, its options, TLS, observers and listeners.
 *
 * @param <B> the concrete builder, returned by every method
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    HandlerFactory handlerFactory = HandlerFactory.NONE;
    ConnectionOptions options = ConnectionOptions.defaults();
    SslContext sslContext;
    ConnectionListener listener = ConnectionListener.NONE;
    RpcObserver observer = RpcObserver.NONE;

    EndpointBuilder() {
    }

    /** Whether TLS contexts must be server-side ones. */
    abstract boolean serverSide();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param factory makes this side's handler for each connection (default: none)
     * @return this builder
     */
    public B handlerFactory(HandlerFactory factory) {
        this.handlerFactory = Objects.requireNonNull(factory, "handlerFactory");
        return self();
    }

    /**
     * @param connectionOptions options of each connection
     * @return this builder
     */
    public B options(ConnectionOptions connectionOptions) {
        this.options = Objects.requireNonNull(connectionOptions, "options");
        return self();
    }

    /**
     * @param context a Netty TLS context of this side (server-side for a server, client-side for a client), or
     *        {@code null} for plain TCP (the default)
     * @return this builder
     */
    public B sslContext(SslContext context) {
        if (context != null && context.isServer() != serverSide()) {
            throw new IllegalArgumentException("This side needs a " + (serverSide() ? "server" : "client")
                + "-side SslContext");
        }
        this.sslContext = context;
        return self();
    }

    /**
     * Adds an observer; observers are told in the order they were added.
     *
     * @param added told of every call and byte of the connections, for metrics and tracing
     * @return this builder
     */
    public B addObserver(RpcObserver added) {
        this.observer = RpcObserver.both(this.observer, Objects.requireNonNull(added, "observer"));
        return self();
    }

    /**
     * Adds a listener; listeners are told in the order they were added.
     *
     * @param added told when connections open and close
     * @return this builder
     */
    public B addConnectionListener(ConnectionListener added) {
        this.listener = ConnectionListener.both(this.listener, Objects.requireNonNull(added, "listener"));
        return self();
    }
}

package io.github.bjsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.netty.handler.ssl.SslContext;

/**
 * What {@link BjsonRpcServer.Builder} and {@link BjsonRpcClient.Builder} configure alike: the handler of each
 * connection, its options, TLS, observers, listeners, interceptors and exception handlers.
 *
 * @param <B> the concrete builder, returned by every method
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    HandlerFactory handlerFactory = HandlerFactory.NONE;
    ConnectionOptions options = ConnectionOptions.defaults();
    SslContext sslContext;
    ConnectionListener listener = ConnectionListener.NONE;
    RpcObserver observer = RpcObserver.NONE;
    private final List<RpcInterceptor> interceptors = new ArrayList<>();
    private final List<RpcExceptionHandler> exceptionHandlers = new ArrayList<>();

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

    /**
     * Adds an interceptor around every call handled and issued on the connections; interceptors run in the order
     * they were added, the first outermost, inside those of the {@linkplain #options options}.
     *
     * @param added the interceptor
     * @return this builder
     */
    public B addInterceptor(RpcInterceptor added) {
        interceptors.add(Objects.requireNonNull(added, "interceptor"));
        return self();
    }

    /**
     * Adds an exception handler, asked after those added before, and after those of the {@linkplain #options
     * options}.
     *
     * @param added decides the error a peer gets for some exceptions
     * @return this builder
     */
    public B addExceptionHandler(RpcExceptionHandler added) {
        exceptionHandlers.add(Objects.requireNonNull(added, "handler"));
        return self();
    }

    /** The options connections are made with: those given, followed by the interceptors and handlers added here. */
    ConnectionOptions connectionOptions() {
        if (interceptors.isEmpty() && exceptionHandlers.isEmpty()) {
            return options;
        }
        ConnectionOptions.Builder builder = options.toBuilder();
        interceptors.forEach(builder::addInterceptor);
        exceptionHandlers.forEach(builder::addExceptionHandler);
        return builder.build();
    }
}

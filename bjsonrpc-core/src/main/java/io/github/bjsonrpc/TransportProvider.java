package io.github.bjsonrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.netty.handler.ssl.SslContext;

/**
 * The engine behind the entry points: how {@link BjsonRpc}, {@link BjsonRpcServer}, {@link BjsonRpcClient} and
 * {@link Connection#current()} reach the transport that carries connections, without this package depending on
 * it. The library's own transport registers itself with {@link ServiceLoader}; applications neither call nor
 * implement this interface.
 */
public interface TransportProvider {

    /**
     * Connects to a peer without waiting: reaching the peer takes at most
     * {@link ConnectionOptions#connectTimeout()}, and so does the TLS handshake.
     *
     * @param host the peer's host
     * @param port the peer's port
     * @param handlerFactory makes this side's handler for the connection
     * @param options options of the connection
     * @param sslContext TLS for the connection, or {@code null} for plain TCP; the peer's certificate must be
     *        valid for {@code host}
     * @param listener told of the connection's opening and closing
     * @param observer told of the connection's calls and traffic
     * @return completes with the open connection once it is ready (TCP connected and, with TLS, the handshake
     *         done), or with a {@link BjsonRpcException} naming the peer and the reason
     */
    CompletableFuture<Connection> connectAsync(String host, int port, HandlerFactory handlerFactory,
        ConnectionOptions options, SslContext sslContext, ConnectionListener listener, RpcObserver observer);

    /**
     * Connects to a peer, and returns once the connection is ready: see {@link #connectAsync}.
     *
     * @param host the peer's host
     * @param port the peer's port
     * @param handlerFactory makes this side's handler for the connection
     * @param options options of the connection
     * @param sslContext TLS for the connection, or {@code null} for plain TCP
     * @param listener told of the connection's opening and closing
     * @param observer told of the connection's calls and traffic
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached, or the TLS handshake fails
     */
    default Connection connect(String host, int port, HandlerFactory handlerFactory, ConnectionOptions options,
            SslContext sslContext, ConnectionListener listener, RpcObserver observer) {
        try {
            return connectAsync(host, port, handlerFactory, options, sslContext, listener, observer).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof BjsonRpcException failure ? failure
                : new BjsonRpcException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /**
     * Binds a listener.
     *
     * @param host the address to listen on
     * @param port the port, 0 for a free one
     * @param handlerFactory makes each accepted connection's handler
     * @param options options of every accepted connection
     * @param sslContext TLS for every accepted connection, or {@code null} for plain TCP
     * @param listener told of every accepted connection's opening and closing
     * @param observer told of the calls and traffic of every accepted connection
     * @param maxConnections how many connections may be open at once; more are closed as they come
     * @param filter decides which connections are served
     * @return the bound listener
     * @throws BjsonRpcException if the address cannot be bound, with what to do about it
     */
    Listener listen(String host, int port, HandlerFactory handlerFactory, ConnectionOptions options,
        SslContext sslContext, ConnectionListener listener, RpcObserver observer, int maxConnections,
        ConnectionFilter filter);

    /** The shared pool that runs handler code of connections whose options name no executor. */
    ExecutorService defaultExecutor();

    /**
     * @param options a connection's options
     * @return where that connection's handler code, callbacks and pipe deliveries run
     */
    Executor handlerExecutor(ConnectionOptions options);

    /**
     * Runs a task once after a delay, off the caller's thread.
     *
     * @param task what to run; it must not block
     * @param delay how long to wait first
     * @return the scheduled task, to cancel
     */
    Future<?> schedule(Runnable task, Duration delay);

    /** The connection whose request the calling thread is handling, or {@code null}. */
    Connection currentConnection();

    /** A bound listener and the connections it accepted. */
    interface Listener {

        /** The bound address (the real port when 0 was asked for). */
        InetSocketAddress address();

        /** Whether it still accepts connections. */
        boolean isOpen();

        /** The open connections it accepted and admitted. */
        Collection<? extends Connection> connections();

        /** Stops accepting; open connections stay. */
        void stopAccepting();

        /**
         * Stops accepting, lets the work in flight on every connection finish within {@code grace}, then closes
         * every connection.
         *
         * @param grace how long in-flight work may take
         * @return whether every connection was idle before the grace period ran out
         */
        boolean shutdownGracefully(Duration grace);

        /**
         * Stops accepting and closes every connection, waiting at most {@code timeout} for them to close.
         *
         * @param timeout how long to wait
         */
        void close(Duration timeout);
    }

    /** The transport found on the class path. */
    static TransportProvider get() {
        return Transports.PROVIDER;
    }
}

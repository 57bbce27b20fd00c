package io.github.bjsonrpc.transport;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLParameters;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

/** Opens listeners and outbound connections on the shared event loops, with one pipeline for both roles. */
public final class Bootstraps {

    private Bootstraps() {
    }

    /** A bound listener and the connections it accepted. */
    public static final class Listener {

        private final Channel serverChannel;
        private final Set<NettyConnection> connections;
        private final AtomicBoolean closing;

        private Listener(Channel serverChannel, Set<NettyConnection> connections, AtomicBoolean closing) {
            this.serverChannel = serverChannel;
            this.connections = connections;
            this.closing = closing;
        }

        /** The bound address (the real port when 0 was asked for). */
        public InetSocketAddress address() {
            return (InetSocketAddress) serverChannel.localAddress();
        }

        /** Whether it still accepts connections. */
        public boolean isOpen() {
            return serverChannel.isOpen();
        }

        /** The open connections it accepted. */
        public Collection<NettyConnection> connections() {
            return Collections.unmodifiableSet(connections);
        }

        /** Stops accepting; open connections stay. */
        public void stopAccepting() {
            serverChannel.close().awaitUninterruptibly();
        }

        /**
         * Stops accepting, refuses new requests (see {@link NettyConnection#refuseNewRequests()}), lets the requests
         * in flight or queued on every connection finish within {@code grace}, then closes every connection.
         *
         * @param grace how long in-flight work may take
         * @return whether every connection was idle before the grace period ran out
         */
        public boolean shutdownGracefully(Duration grace) {
            closing.set(true);
            stopAccepting();
            long deadline = System.nanoTime() + grace.toNanos();
            boolean idle = true;
            List<NettyConnection> open = List.copyOf(connections);
            open.forEach(NettyConnection::refuseNewRequests);
            try {
                for (NettyConnection connection : open) {
                    idle &= connection.awaitIdle(deadline);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                idle = false;
            }
            close(Duration.ofSeconds(5));
            return idle;
        }

        /**
         * Stops accepting and closes every connection, waiting at most {@code timeout} for them to close.
         *
         * @param timeout how long to wait
         */
        public void close(Duration timeout) {
            // a connection accepted but not yet registered closes itself when it sees this flag
            closing.set(true);
            stopAccepting();
            List<NettyConnection> open = List.copyOf(connections);
            open.forEach(NettyConnection::close);
            CompletableFuture<?>[] closing = open.stream().map(NettyConnection::closeFuture)
                .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // what could not close in time is left to Netty
            }
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
    public static Listener listen(String host, int port, HandlerFactory handlerFactory, ConnectionOptions options,
            SslContext sslContext, ConnectionListener listener, RpcObserver observer, int maxConnections,
            ConnectionFilter filter) {
        Set<NettyConnection> connections = ConcurrentHashMap.newKeySet();
        AtomicBoolean closing = new AtomicBoolean();
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(EventLoops.shared())
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new io.netty.channel.ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    if (connections.size() >= maxConnections) {
                        observer.limitReached(null, "connections");
                        channel.close();
                        return;
                    }
                    if (sslContext != null) {
                        channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc()));
                    }
                    NettyConnection connection = install(channel, Role.ACCEPTED, options, handlerFactory, listener,
                        observer, filter);
                    connections.add(connection);
                    connection.closeFuture().whenComplete((ignored, failure) -> connections.remove(connection));
                    if (closing.get()) {
                        channel.close();
                    }
                }
            });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            if (cause instanceof BindException) {
                throw new BjsonRpcException("Port " + port + " is already in use on " + host
                    + ": choose another port, or 0 for a free one", cause);
            }
            throw new BjsonRpcException("Cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return new Listener(bound.channel(), connections, closing);
    }

    /**
     * Connects to a peer.
     *
     * @param host the peer's host
     * @param port the peer's port
     * @param handlerFactory makes this side's handler for the connection
     * @param options options of the connection
     * @param sslContext TLS for the connection, or {@code null} for plain TCP; the peer's certificate must be
     *        valid for {@code host}
     * @param listener told of the connection's opening and closing
     * @param observer told of the connection's calls and traffic
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached
     */
    public static NettyConnection connect(String host, int port, HandlerFactory handlerFactory,
            ConnectionOptions options, SslContext sslContext, ConnectionListener listener, RpcObserver observer) {
        Duration connectTimeout = options.connectTimeout();
        NettyConnection[] made = new NettyConnection[1];
        Bootstrap bootstrap = new Bootstrap()
            .group(EventLoops.shared())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
            .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    if (sslContext != null) {
                        SslHandler tls = sslContext.newHandler(channel.alloc(), host, port);
                        SSLParameters parameters = tls.engine().getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        tls.engine().setSSLParameters(parameters);
                        channel.pipeline().addLast("tls", tls);
                    }
                    made[0] = install(channel, Role.INITIATED, options, handlerFactory, listener, observer,
                        ConnectionFilter.ACCEPT_ALL);
                }
            });
        ChannelFuture connected = bootstrap.connect(host, port).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            throw new BjsonRpcException("Cannot connect to " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return made[0];
    }

    private static NettyConnection install(Channel channel, Role role, ConnectionOptions options,
            HandlerFactory handlerFactory, ConnectionListener listener, RpcObserver observer, ConnectionFilter filter) {
        NettyConnection connection = new NettyConnection(channel, role, options, handlerFactory, listener, observer,
            filter);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(options.writeHighWaterMark() / 2,
            options.writeHighWaterMark()));
        if (!options.idleTimeout().isZero()) {
            channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        }
        channel.pipeline()
            .addLast("lines", new LineBasedFrameDecoder(options.maxLineLength(), true, true))
            .addLast("bjsonrpc", new InboundHandler(connection));
        return connection;
    }
}

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
import java.util.function.Consumer;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

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
     * @param onConnection told of every accepted connection once it is registered
     * @return the bound listener
     * @throws BjsonRpcException if the address cannot be bound, with what to do about it
     */
    public static Listener listen(String host, int port, HandlerFactory handlerFactory, ConnectionOptions options,
            Consumer<NettyConnection> onConnection) {
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
                    NettyConnection connection = install(channel, Role.ACCEPTED, options, handlerFactory);
                    connections.add(connection);
                    connection.closeFuture().whenComplete((ignored, failure) -> connections.remove(connection));
                    if (closing.get()) {
                        channel.close();
                        return;
                    }
                    onConnection.accept(connection);
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
     * @param connectTimeout how long to try
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached
     */
    public static NettyConnection connect(String host, int port, HandlerFactory handlerFactory,
            ConnectionOptions options, Duration connectTimeout) {
        NettyConnection[] made = new NettyConnection[1];
        Bootstrap bootstrap = new Bootstrap()
            .group(EventLoops.shared())
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
            .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    made[0] = install(channel, Role.INITIATED, options, handlerFactory);
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
            HandlerFactory handlerFactory) {
        NettyConnection connection = new NettyConnection(channel, role, options, handlerFactory);
        channel.pipeline()
            .addLast("lines", new LineBasedFrameDecoder(options.maxLineLength(), true, true))
            .addLast("bjsonrpc", new InboundHandler(connection));
        return connection;
    }
}

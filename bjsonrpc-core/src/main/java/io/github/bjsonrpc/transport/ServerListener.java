package io.github.bjsonrpc.transport;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.TransportProvider;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.Errors;
import io.netty.handler.ssl.SslContext;

/** A bound listener on the shared event loops, and the connections it admitted. */
final class ServerListener implements TransportProvider.Listener {

    /** The errno of a port in use on Linux, where the epoll sockets run. */
    private static final int EADDRINUSE = 98;

    private final Channel serverChannel;
    private final ConnectionRegistry registry;

    private ServerListener(Channel serverChannel, ConnectionRegistry registry) {
        this.serverChannel = serverChannel;
        this.registry = registry;
    }

    /**
     * Binds a listener.
     *
     * @param host the address to listen on
     * @param port the port, 0 for a free one
     * @param endpoint what accepted connections are made with, its registry included
     * @param sslContext TLS for every accepted connection, or {@code null}
     * @return the bound listener
     * @throws BjsonRpcException if the address cannot be bound, with what to do about it
     */
    static ServerListener bind(String host, int port, Pipelines.Endpoint endpoint, SslContext sslContext) {
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(EventLoops.shared())
            .channel(EventLoops.transport().serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    Pipelines.install(channel, Role.ACCEPTED, endpoint,
                        sslContext == null ? null : sslContext.newHandler(channel.alloc()));
                }
            });
        ChannelFuture bound = bootstrap.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            BindException inUse = portInUse(cause);
            if (inUse != null) {
                throw new BjsonRpcException("Port " + port + " is already in use on " + host
                    + ": choose another port, or 0 for a free one", inUse);
            }
            throw new BjsonRpcException("Cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        return new ServerListener(bound.channel(), endpoint.registry());
    }

    /**
     * @param failure why binding failed
     * @return the failure as Java's {@link BindException} if the port is in use, whichever sockets said so (epoll's
     *         say it with errno {@value #EADDRINUSE}), or {@code null}
     */
    private static BindException portInUse(Throwable failure) {
        if (failure instanceof BindException bind) {
            return bind;
        }
        if (failure instanceof Errors.NativeIoException nativeFailure && nativeFailure.expectedErr() == -EADDRINUSE) {
            BindException bind = new BindException(failure.getMessage());
            bind.initCause(failure);
            return bind;
        }
        return null;
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public boolean isOpen() {
        return serverChannel.isOpen();
    }

    @Override
    public Collection<NettyConnection> connections() {
        return registry.connections();
    }

    @Override
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly();
    }

    @Override
    public boolean shutdownGracefully(Duration grace) {
        registry.closing();
        stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean idle = true;
        List<NettyConnection> open = registry.snapshot();
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

    @Override
    public void close(Duration timeout) {
        // a connection admitted after the list below is taken closes itself when it sees the flag
        registry.closing();
        stopAccepting();
        List<NettyConnection> open = registry.snapshot();
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

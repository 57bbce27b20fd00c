package io.github.bjsonrpc.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.TransportProvider;
import io.github.bjsonrpc.dispatch.CallContext;
import io.github.bjsonrpc.dispatch.HandlerPool;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The library's transport: connections over Netty on the shared event loops ({@link EventLoops}), handler code on
 * the connection's executor ({@link HandlerPool} by default). Found by the entry points through
 * {@link java.util.ServiceLoader}.
 */
public final class NettyTransport implements TransportProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public NettyTransport() {
    }

    @Override
    public CompletableFuture<Connection> connectAsync(String host, int port, HandlerFactory handlerFactory,
            ConnectionOptions options, SslContext sslContext, ConnectionListener listener, RpcObserver observer) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        Pipelines.Endpoint endpoint = new Pipelines.Endpoint(handlerFactory, options, listener, observer,
            ConnectionFilter.ACCEPT_ALL, null);
        NettyConnection[] made = new NettyConnection[1];
        Bootstrap bootstrap = new Bootstrap()
            .group(EventLoops.shared())
            .channel(EventLoops.transport().socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    made[0] = Pipelines.install(channel, Role.INITIATED, endpoint,
                        sslContext == null ? null : tls(sslContext, channel, host, port, timeoutMillis));
                }
            });
        CompletableFuture<Connection> result = new CompletableFuture<>();
        bootstrap.connect(host, port).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                Throwable cause = connected.cause();
                result.completeExceptionally(new BjsonRpcException("Cannot connect to " + host + ":" + port + ": "
                    + cause.getMessage(), cause));
                return;
            }
            NettyConnection connection = made[0];
            connection.admission().whenComplete((admitted, refused) -> {
                if (refused == null) {
                    result.complete(connection);
                    return;
                }
                connection.close();
                String stage = sslContext != null ? "TLS handshake with " + host + ":" + port + " failed: " : "";
                result.completeExceptionally(new BjsonRpcException("Cannot connect to " + host + ":" + port + ": "
                    + stage + reason(refused), refused));
            });
        });
        return result;
    }

    /** A client-side TLS stage that checks the peer's certificate against {@code host}. */
    private static SslHandler tls(SslContext sslContext, Channel channel, String host, int port, int timeoutMillis) {
        SslHandler tls = sslContext.newHandler(channel.alloc(), host, port);
        tls.setHandshakeTimeoutMillis(timeoutMillis);
        SSLParameters parameters = tls.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.engine().setSSLParameters(parameters);
        return tls;
    }

    /** Why a connection was not admitted: the first message along the causes. */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    @Override
    public Listener listen(String host, int port, HandlerFactory handlerFactory, ConnectionOptions options,
            SslContext sslContext, ConnectionListener listener, RpcObserver observer, int maxConnections,
            ConnectionFilter filter) {
        return ServerListener.bind(host, port, new Pipelines.Endpoint(handlerFactory, options, listener, observer,
            filter, new ConnectionRegistry(maxConnections)), sslContext);
    }

    @Override
    public ExecutorService defaultExecutor() {
        return HandlerPool.shared();
    }

    @Override
    public Executor handlerExecutor(ConnectionOptions options) {
        return HandlerPool.executorFor(options);
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return EventLoops.shared().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Connection currentConnection() {
        return CallContext.currentConnection();
    }
}

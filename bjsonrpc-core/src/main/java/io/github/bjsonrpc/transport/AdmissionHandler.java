package io.github.bjsonrpc.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.RpcObserver;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * A pipeline stage that admits the connection and then removes itself: a slot within the listener's
 * {@code maxConnections}, the TLS handshake when there is one, the {@link ConnectionFilter}; then the
 * connection's listener is told and its handler made.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AdmissionHandler.class);

    private final NettyConnection connection;
    private final ConnectionFilter filter;
    private final ConnectionRegistry registry;
    private final RpcObserver observer;

    /**
     * @param connection the connection to admit
     * @param filter decides whether to serve it
     * @param registry the listener's connections, or {@code null} for a connection this side initiated
     * @param observer told of the limits reached
     */
    AdmissionHandler(NettyConnection connection, ConnectionFilter filter, ConnectionRegistry registry,
            RpcObserver observer) {
        this.connection = connection;
        this.filter = filter;
        this.registry = registry;
        this.observer = observer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        if (registry != null && !registry.reserve(ctx.channel())) {
            observer.limitReached(null, "connections");
            ctx.close();
            return;
        }
        if (ctx.pipeline().get(SslHandler.class) == null) {
            admit(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                admit(ctx);
            } else {
                // the TLS stage closes the channel
                connection.refused(handshake.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void admit(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean accepted;
        try {
            accepted = filter.accept(connection);
        } catch (RuntimeException e) {
            log.warn("The connection filter failed for connection {} from {}; refusing it", connection.id(),
                connection.remoteAddress(), e);
            accepted = false;
        }
        if (!accepted) {
            connection.traffic().limitReached("refused");
            connection.refused(new IllegalStateException("refused by the connection filter"));
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        if (registry != null) {
            registry.admit(connection);
        }
        connection.admitted();
    }
}

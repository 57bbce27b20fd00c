package io.github.bjsonrpc.transport;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last pipeline stage: what happens to the channel itself. It closes (the connection fails what waits; when this
 * side closes it, before the peer can see the close), fails (closed, and counted when the failure is this library's),
 * goes idle too long (closed, counted), or changes writability (waiting writers look again).
 */
final class LifecycleHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(LifecycleHandler.class);

    private final NettyConnection connection;

    LifecycleHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        connection.closed();
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            log.debug("Connection {}: TLS failed, closing: {}", connection.id(), cause.getCause().toString());
        } else if (cause instanceof IOException) {
            log.debug("Connection {}: I/O failure, closing: {}", connection.id(), cause.toString());
        } else {
            log.warn("Connection {}: unexpected failure, closing", connection.id(), cause);
            connection.traffic().dropped("internal-error");
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.outbox().writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            connection.traffic().limitReached("idle-timeout");
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}

package io.github.bjsonrpc.transport;

import java.io.IOException;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;

/** The last stage of a channel's pipeline: hands lines and lifecycle events to the connection. */
final class InboundHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final NettyConnection connection;

    InboundHandler(NettyConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf line = (ByteBuf) msg;
        try {
            connection.onLine(line);
        } finally {
            line.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.onReadComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            log.debug("Connection {}: {}", connection.id(), cause.getMessage());
            connection.onLineTooLong();
        } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            log.debug("Connection {}: TLS failed, closing: {}", connection.id(), cause.getCause().toString());
            ctx.close();
        } else if (cause instanceof IOException) {
            log.debug("Connection {}: I/O failure, closing: {}", connection.id(), cause.toString());
            ctx.close();
        } else {
            log.warn("Connection {}: unexpected failure, closing", connection.id(), cause);
            connection.onInternalError();
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        connection.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            connection.onIdle();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}

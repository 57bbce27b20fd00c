package io.github.bjsonrpc.transport;

import java.util.List;

import io.github.bjsonrpc.wire.MessageReader;
import io.github.bjsonrpc.wire.MessageVisitor;
import io.github.bjsonrpc.wire.ReplyMessage;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import tools.jackson.databind.JsonNode;

/**
 * A pipeline stage: one line in, its messages out ({@link RequestMessage}, {@link DecodedReply},
 * {@link UnknownFormat}), in order. Every byte read is counted here, and every line or element dropped, with its
 * reason, including lines too long to be read.
 */
final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final TrafficCounters traffic;

    MessageDecoder(TrafficCounters traffic) {
        super(ByteBuf.class);
        this.traffic = traffic;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        int length = line.readableBytes();
        traffic.read(length + 1);
        int first = out.size();
        Collector collector = new Collector(out);
        if (line.hasArray()) {
            MessageReader.read(line.array(), line.arrayOffset() + line.readerIndex(), length, collector);
        } else {
            MessageReader.read(ByteBufUtil.getBytes(line), 0, length, collector);
        }
        int messages = out.size() - first;
        for (int i = first; i < out.size(); i++) {
            if (out.get(i) instanceof ReplyMessage reply) {
                out.set(i, new DecodedReply(reply, (length + 1) / messages));
            }
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            traffic.dropped("too-long");
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    /** Puts what one line holds into the decoder's output. */
    private final class Collector implements MessageVisitor {
        private final List<Object> out;

        Collector(List<Object> out) {
            this.out = out;
        }

        @Override
        public void request(RequestMessage request) {
            out.add(request);
        }

        @Override
        public void reply(ReplyMessage reply) {
            out.add(reply);
        }

        @Override
        public void unknownFormat(JsonNode id, boolean jsonRpc2) {
            out.add(new UnknownFormat(id, jsonRpc2));
        }

        @Override
        public void dropped(String reason) {
            traffic.dropped(reason);
        }
    }
}

package io.github.bjsonrpc.transport;

import java.util.List;

import io.github.bjsonrpc.wire.MessageReader;
import io.github.bjsonrpc.wire.MessageVisitor;
import io.github.bjsonrpc.wire.ReplyMessage;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import tools.jackson.databind.JsonNode;

/**
 * A pipeline stage: the bytes read in, the messages of each whole line out ({@link RequestMessage},
 * {@link DecodedReply}, {@link UnknownFormat}), in order. The lines are found by a {@link LineFramer} and read where
 * they lie in the bytes received, with no buffer of their own. Every byte of a line read is counted here, and every
 * line or element dropped, with its reason.
 */
final class MessageDecoder extends ByteToMessageDecoder {

    private final LineFramer lines;
    private final TrafficCounters traffic;

    /**
     * @param maxLineLength the longest line read, {@code \n} excluded
     * @param traffic counts what is read and dropped
     */
    MessageDecoder(int maxLineLength, TrafficCounters traffic) {
        this.lines = new LineFramer(maxLineLength, traffic);
        this.traffic = traffic;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int length = lines.next(in);
        if (length == LineFramer.NO_LINE) {
            return;
        }
        traffic.read(length + 1);
        int first = out.size();
        Collector collector = new Collector(out);
        if (in.hasArray()) {
            MessageReader.read(in.array(), in.arrayOffset() + start, length, collector);
        } else {
            MessageReader.read(ByteBufUtil.getBytes(in, start, length), 0, length, collector);
        }
        int messages = out.size() - first;
        for (int i = first; i < out.size(); i++) {
            if (out.get(i) instanceof ReplyMessage reply) {
                out.set(i, new DecodedReply(reply, (length + 1) / messages));
            }
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

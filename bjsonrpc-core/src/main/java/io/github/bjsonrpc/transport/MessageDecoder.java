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
 * {@link DecodedReply}, {@link UnknownFormat}), in order. A line ends at {@code \n}; a {@code \r} before it is not
 * part of it. Each line is read where it lies in the bytes received, with no buffer of its own. Every byte of a line
 * read is counted here, and every line or element dropped, with its reason.
 *
 * <p>A line longer than {@code maxLineLength} bytes is dropped as soon as it is known to be too long, counted once as
 * {@code too-long}, and what arrives of it up to its {@code \n} is discarded as it comes, never buffered.
 */
final class MessageDecoder extends ByteToMessageDecoder {

    private final int maxLineLength;
    private final TrafficCounters traffic;
    /** Whether the bytes up to the next {@code \n} belong to a line too long, dropped already. */
    private boolean discarding;
    /** How many of the bytes waiting were already looked at and hold no {@code \n}. */
    private int scanned;

    /**
     * @param maxLineLength the longest line read, {@code \n} excluded
     * @param traffic counts what is read and dropped
     */
    MessageDecoder(int maxLineLength, TrafficCounters traffic) {
        this.maxLineLength = maxLineLength;
        this.traffic = traffic;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lineFeed = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (lineFeed < 0) {
            scanned = in.readableBytes();
            // a \r last may be the start of the line's end
            int lineSoFar = scanned > 0 && in.getByte(in.writerIndex() - 1) == '\r' ? scanned - 1 : scanned;
            if (discarding || lineSoFar > maxLineLength) {
                if (!discarding) {
                    discarding = true;
                    traffic.dropped("too-long");
                }
                in.skipBytes(scanned);
                scanned = 0;
            }
            return;
        }
        scanned = 0;
        in.readerIndex(lineFeed + 1);
        if (discarding) {
            discarding = false;
            return;
        }
        int end = lineFeed > start && in.getByte(lineFeed - 1) == '\r' ? lineFeed - 1 : lineFeed;
        int length = end - start;
        if (length > maxLineLength) {
            traffic.dropped("too-long");
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

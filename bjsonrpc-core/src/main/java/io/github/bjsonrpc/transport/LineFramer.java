package io.github.bjsonrpc.transport;

import io.netty.buffer.ByteBuf;

/**
 * Finds one connection's lines in the bytes received, one after another, without copying them. A line ends at
 * {@code \n}; a {@code \r} before it is not part of it. A line longer than {@code maxLineLength} bytes is dropped
 * as soon as it is known to be too long, counted once as {@code too-long}, and what arrives of it up to its
 * {@code \n} is discarded as it comes, never buffered. Not thread-safe: the connection's I/O thread uses it.
 */
final class LineFramer {

    /** What {@link #next} returns when no whole line is there. */
    static final int NO_LINE = -1;

    private final int maxLineLength;
    private final TrafficCounters traffic;
    /** Whether the bytes up to the next {@code \n} belong to a line too long, dropped already. */
    private boolean discarding;
    /** How many of the bytes waiting were already looked at and hold no {@code \n}. */
    private int scanned;

    /**
     * @param maxLineLength the longest line read, {@code \n} excluded
     * @param traffic counts the lines dropped for their length
     */
    LineFramer(int maxLineLength, TrafficCounters traffic) {
        this.maxLineLength = maxLineLength;
        this.traffic = traffic;
    }

    /**
     * The next line, if a whole one is there: it starts at the reader index {@code in} had, and {@code in} is left
     * past its {@code \n}. Bytes of a line too long are skipped, whether or not its end is there.
     *
     * @param in the bytes received and not yet framed
     * @return the length of the line, its line end excluded, or {@link #NO_LINE}
     */
    int next(ByteBuf in) {
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
            return NO_LINE;
        }
        scanned = 0;
        in.readerIndex(lineFeed + 1);
        if (discarding) {
            discarding = false;
            return NO_LINE;
        }
        int end = lineFeed > start && in.getByte(lineFeed - 1) == '\r' ? lineFeed - 1 : lineFeed;
        if (end - start > maxLineLength) {
            traffic.dropped("too-long");
            return NO_LINE;
        }
        return end - start;
    }
}

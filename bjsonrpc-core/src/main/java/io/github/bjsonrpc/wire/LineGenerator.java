package io.github.bjsonrpc.wire;

import java.io.IOException;
import java.io.OutputStream;

import io.netty.util.concurrent.FastThreadLocal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;

/**
 * A generator of the wire's mapper that writes line after line, each into the output its writer names, and that a
 * platform thread keeps between its lines: making a generator for every line (its write context, its buffers, the
 * decoration that spells numbers as the reference does) was about a fifth of the CPU time of encoding a request on
 * the caller's thread. The lines are root values with nothing written between them; the writer adds its own line
 * feeds.
 *
 * <p>{@link #borrow} takes the calling thread's spare generator, or makes one when the thread has none to spare (it
 * is borrowed already, or the thread is virtual: a virtual thread would keep one for a single task). A generator
 * goes back to its thread's spare only from that thread and only whole ({@link #giveBack()}); one that failed
 * halfway is closed ({@link #discard()}). Not thread-safe: one writer at a time, with a happens-before between
 * writers.
 */
public final class LineGenerator {

    private static final FastThreadLocal<LineGenerator> SPARE = new FastThreadLocal<>();

    /** Root values with no separator between them. */
    private static final ObjectWriter LINES = Json.MAPPER.writer().withRootValueSeparator((String) null);

    private final Output output = new Output();
    private final JsonGenerator generator = LINES.createGenerator(output);
    /** The thread whose spare this is, or {@code null} for a generator that is closed after one use. */
    private final Thread owner;

    private LineGenerator(Thread owner) {
        this.owner = owner;
    }

    /**
     * The calling thread's spare generator, or a new one, writing to {@code target} until given back.
     *
     * @param target where the lines go, as the generator flushes them
     * @return the generator, which the caller gives back or discards
     */
    public static LineGenerator borrow(OutputStream target) {
        LineGenerator lines;
        if (WireRecyclers.isVirtualThread()) {
            lines = new LineGenerator(null);
        } else {
            lines = SPARE.get();
            if (lines != null) {
                SPARE.set(null);
            } else {
                lines = new LineGenerator(Thread.currentThread());
            }
        }
        lines.output.target = target;
        return lines;
    }

    /** The generator: write whole root values with it, and flush it before the output is read. */
    public JsonGenerator generator() {
        return generator;
    }

    /**
     * Flushes what was written to the output, and lets the generator go: back to its thread's spare when that thread
     * gives it back and has none, closed otherwise.
     */
    public void giveBack() {
        generator.flush();
        output.target = null;
        if (owner == Thread.currentThread() && SPARE.get() == null) {
            SPARE.set(this);
        } else {
            generator.close();
        }
    }

    /** Closes a generator that stopped halfway: it is not used again, and what it still holds is not written. */
    public void discard() {
        output.target = OutputStream.nullOutputStream();
        try {
            generator.close();
        } catch (RuntimeException e) {
            // the generator failed already: nothing more is asked of it
        }
    }

    /** Passes the generator's bytes on to the output of the moment. */
    private static final class Output extends OutputStream {
        private OutputStream target;

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}

package io.github.bjsonrpc.transport;

import java.util.Map;
import java.util.function.Consumer;

import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.wire.Exporter;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.LineGenerator;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import io.github.bjsonrpc.wire.ValueWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes one connection's messages into whole lines, on the writing thread, with its exported objects named. Every
 * line is written by a generator of the wire's own mapper, whose rules no application mapper changes; the values in
 * it (arguments, results) are converted by the connection's value mapper. Lines may be encoded one after another
 * into one buffer by one generator ({@link Lines}), or each into a buffer of its own ({@link Line#toBuffer()}).
 */
final class LineEncoder {

    private final ByteBufAllocator allocator;
    private final ValueWriter values;

    /**
     * @param allocator where lines are allocated
     * @param objects names the connection's exported objects
     * @param values the connection's value mapper ({@link Json#valueMapper})
     */
    LineEncoder(ByteBufAllocator allocator, Exporter objects, JsonMapper values) {
        this.allocator = allocator;
        this.values = new ValueWriter(values, objects);
    }

    /** A request, or a notification when {@code id} is negative. */
    Line request(String method, long id, Params params, boolean pipeEnd, Map<String, String> context) {
        return new Line(gen -> MessageWriter.writeRequest(gen, values, method, id, params.positional(),
            params.keywords(), pipeEnd, context));
    }

    /** A result reply. */
    Line result(RequestMessage request, Object value) {
        return new Line(gen -> MessageWriter.writeResult(gen, values, request, value));
    }

    /** An error reply. */
    Line error(JsonNode id, boolean jsonRpc2, String message, int code) {
        return new Line(gen -> MessageWriter.writeError(gen, id, jsonRpc2, message, code));
    }

    /** The end-of-pipe marker the caller asked for. */
    Line pipeEnd(RequestMessage request) {
        return new Line(gen -> MessageWriter.writePipeEnd(gen, request));
    }

    /**
     * Lines to encode one after another into one new buffer.
     *
     * @param initialCapacity the buffer's first capacity
     * @return the lines, none yet
     */
    Lines lines(int initialCapacity) {
        return new Lines(allocator.buffer(initialCapacity));
    }

    /** One message, ready to be encoded as a whole line. */
    final class Line {

        private final Consumer<JsonGenerator> body;

        private Line(Consumer<JsonGenerator> body) {
            this.body = body;
        }

        /** The line in a buffer of its own, which the caller owns. */
        ByteBuf toBuffer() {
            Lines lines = new Lines(allocator.buffer());
            try {
                lines.append(this);
                return lines.finish();
            } catch (RuntimeException | Error e) {
                lines.discard();
                throw e;
            }
        }
    }

    /**
     * Lines encoded one after another into one buffer by one generator, which is borrowed for the first line
     * ({@link LineGenerator}) and let go by {@link #finish()}. Not thread-safe.
     */
    final class Lines {

        private final ByteBuf buffer;
        private LineGenerator generator;
        private int count;

        private Lines(ByteBuf buffer) {
            this.buffer = buffer;
        }

        /**
         * Appends a line, its line feed included. When it cannot be encoded, the buffer is left as it was and the
         * lines before it stay.
         *
         * @param line the line to append
         */
        void append(Line line) {
            int start = buffer.writerIndex();
            if (generator == null) {
                generator = LineGenerator.borrow(new ByteBufOutputStream(buffer));
            }
            try {
                JsonGenerator gen = generator.generator();
                line.body.accept(gen);
                gen.writeRaw('\n');
                gen.flush();
            } catch (RuntimeException | Error e) {
                // a generator stopped halfway is not used again; what it flushed is cut off
                LineGenerator broken = generator;
                generator = null;
                broken.discard();
                buffer.writerIndex(start);
                throw e;
            }
            count++;
        }

        /** How many lines were appended. */
        int count() {
            return count;
        }

        /** How many bytes the lines take. */
        int bytes() {
            return buffer.readableBytes();
        }

        /** Lets the generator go and hands the buffer over: the lines, which the caller owns. */
        ByteBuf finish() {
            LineGenerator last = generator;
            generator = null;
            if (last != null) {
                last.giveBack();
            }
            return buffer;
        }

        /** Lets the generator go and releases the buffer. */
        void discard() {
            if (generator != null) {
                generator.discard();
                generator = null;
            }
            buffer.release();
        }
    }
}

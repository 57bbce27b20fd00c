package io.github.bjsonrpc.transport;

import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.wire.Exporter;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes one connection's messages into whole lines, on the writing thread, with its exported objects named. Every
 * line is written by a generator of the wire's own mapper, whose rules no application mapper changes; the values in
 * it (arguments, results) are converted by the connection's value mapper.
 */
final class LineEncoder {

    private final ByteBufAllocator allocator;
    private final ObjectWriter frames;
    private final ObjectWriter values;

    /**
     * @param allocator where lines are allocated
     * @param objects names the connection's exported objects
     * @param values the connection's value mapper ({@link Json#valueMapper})
     */
    LineEncoder(ByteBufAllocator allocator, Exporter objects, JsonMapper values) {
        this.allocator = allocator;
        this.frames = Json.MAPPER.writer().withAttribute(Exporter.class, objects);
        this.values = values == Json.MAPPER ? frames : values.writer().withAttribute(Exporter.class, objects);
    }

    /** A request, or a notification when {@code id} is negative. */
    ByteBuf request(String method, long id, Params params, boolean pipeEnd, Map<String, String> context) {
        return encode(gen -> MessageWriter.writeRequest(gen, values, method, id, params.positional(),
            params.keywords(), pipeEnd, context));
    }

    /** A result reply. */
    ByteBuf result(RequestMessage request, Object value) {
        return encode(gen -> MessageWriter.writeResult(gen, values, request, value));
    }

    /** An error reply. */
    ByteBuf error(JsonNode id, boolean jsonRpc2, String message, int code) {
        return encode(gen -> MessageWriter.writeError(gen, id, jsonRpc2, message, code));
    }

    /** The end-of-pipe marker the caller asked for. */
    ByteBuf pipeEnd(RequestMessage request) {
        return encode(gen -> MessageWriter.writePipeEnd(gen, request));
    }

    private ByteBuf encode(Consumer<JsonGenerator> body) {
        ByteBuf buffer = allocator.buffer();
        try {
            try (JsonGenerator gen = frames.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
                body.accept(gen);
            }
            buffer.writeByte('\n');
            return buffer;
        } catch (RuntimeException | Error e) {
            buffer.release();
            throw e;
        }
    }
}

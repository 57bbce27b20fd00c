package io.github.bjsonrpc.transport;

import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/** Encodes one connection's messages into whole lines, on the writing thread, with its exported objects named. */
final class LineEncoder {

    private final ByteBufAllocator allocator;
    private final ObjectWriter values;

    LineEncoder(ByteBufAllocator allocator, ObjectWriter values) {
        this.allocator = allocator;
        this.values = values;
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
        return encode(gen -> MessageWriter.writeError(gen, values, id, jsonRpc2, message, code));
    }

    /** The end-of-pipe marker the caller asked for. */
    ByteBuf pipeEnd(RequestMessage request) {
        return encode(gen -> MessageWriter.writePipeEnd(gen, values, request));
    }

    private ByteBuf encode(Consumer<JsonGenerator> body) {
        ByteBuf buffer = allocator.buffer();
        try {
            try (JsonGenerator gen = values.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
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

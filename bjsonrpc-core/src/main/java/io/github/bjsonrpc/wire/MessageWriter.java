package io.github.bjsonrpc.wire;

import java.util.List;
import java.util.Map;

import io.github.bjsonrpc.ErrorReply;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Writes messages with the reference's key order and no spaces: requests as
 * {@code {"method":M,"id":I,"params":P,"kwparams":K}} (no {@code id} for a notification, no {@code params} without
 * arguments, {@code params} an object when there are only keywords), replies as
 * {@code {"result":R,"error":E,"id":I}} with both {@code result} and {@code error} always present. A request that
 * carried {@code "jsonrpc":"2.0"} is answered {@code {"jsonrpc":"2.0","result":R,"id":I}} or
 * {@code {"jsonrpc":"2.0","error":{"code":C,"message":M},"id":I}}.
 *
 * <p>One extension, never written to a peer that did not ask for it: a request carrying {@code "pipeend":true}
 * is answered, after its last element, with {@code {"result":null,"error":null,"id":I,"pipeend":true}}, so that
 * a caller knows a pipe has ended. Reference peers neither send nor receive it.
 *
 * <p>Everything but the values is written by the generator itself, with the rules of the mapper that made it: give
 * these methods a generator of {@link Json#MAPPER}. The values (arguments, results) are converted by the writer
 * given for them, an application's mapper perhaps ({@link Json#valueMapper}), into that generator.
 */
public final class MessageWriter {

    /** The member that asks for, and marks, the end of a pipe. */
    public static final String PIPE_END = "pipeend";

    /**
     * The member of a request that carries the caller's propagated context (trace headers such as
     * {@code traceparent}) as an object of strings. Written only when there is something to propagate; peers that
     * do not know it, the reference among them, ignore it.
     */
    public static final String CONTEXT = "context";

    /** JSON-RPC 2.0 code: the line is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** JSON-RPC 2.0 code: no such method. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC 2.0 code: the arguments do not fit the method. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC 2.0 code: the handler failed. */
    public static final int SERVER_ERROR = ErrorReply.SERVER_ERROR;

    private MessageWriter() {
    }

    /**
     * @param gen where to write
     * @param values converts argument values (remote-object handles, beans, ...)
     * @param method the method name
     * @param id the request id, or a negative number for a notification
     * @param positional positional arguments
     * @param keywords keyword arguments
     * @param pipeEnd whether to ask the peer for an end-of-pipe marker
     * @param context the context to propagate ({@value #CONTEXT}), written only when not empty
     */
    public static void writeRequest(JsonGenerator gen, ValueWriter values, String method, long id,
            List<Object> positional, Map<String, Object> keywords, boolean pipeEnd, Map<String, String> context) {
        gen.writeStartObject();
        gen.writeStringProperty("method", method);
        if (id >= 0) {
            gen.writeNumberProperty("id", id);
        }
        if (positional.isEmpty()) {
            if (!keywords.isEmpty()) {
                gen.writeName("params");
                writeKeywords(gen, values, keywords);
            }
        } else {
            gen.writeName("params");
            gen.writeStartArray();
            for (Object value : positional) {
                values.write(gen, value);
            }
            gen.writeEndArray();
            if (!keywords.isEmpty()) {
                gen.writeName("kwparams");
                writeKeywords(gen, values, keywords);
            }
        }
        if (!context.isEmpty()) {
            gen.writeName(CONTEXT);
            gen.writeStartObject();
            for (Map.Entry<String, String> entry : context.entrySet()) {
                gen.writeStringProperty(entry.getKey(), entry.getValue());
            }
            gen.writeEndObject();
        }
        if (pipeEnd) {
            gen.writeBooleanProperty(PIPE_END, true);
        }
        gen.writeEndObject();
    }

    private static void writeKeywords(JsonGenerator gen, ValueWriter values, Map<String, Object> keywords) {
        gen.writeStartObject();
        for (Map.Entry<String, Object> entry : keywords.entrySet()) {
            gen.writeName(entry.getKey());
            values.write(gen, entry.getValue());
        }
        gen.writeEndObject();
    }

    /**
     * @param gen where to write
     * @param values converts the result value
     * @param request the request answered
     * @param result the result value
     */
    public static void writeResult(JsonGenerator gen, ValueWriter values, RequestMessage request, Object result) {
        gen.writeStartObject();
        if (request.jsonRpc2()) {
            gen.writeStringProperty("jsonrpc", "2.0");
            gen.writeName("result");
            values.write(gen, result);
        } else {
            gen.writeName("result");
            values.write(gen, result);
            gen.writeNullProperty("error");
        }
        writeId(gen, request.id());
        gen.writeEndObject();
    }

    /**
     * @param gen where to write
     * @param id the id token answered
     * @param jsonRpc2 whether to answer in JSON-RPC 2.0 form
     * @param message the error text, as the reference words it
     * @param code the JSON-RPC 2.0 error code, used only in that form
     */
    public static void writeError(JsonGenerator gen, JsonNode id, boolean jsonRpc2, String message, int code) {
        gen.writeStartObject();
        if (jsonRpc2) {
            gen.writeStringProperty("jsonrpc", "2.0");
            gen.writeName("error");
            gen.writeStartObject();
            gen.writeNumberProperty("code", code);
            gen.writeStringProperty("message", message);
            gen.writeEndObject();
        } else {
            gen.writeNullProperty("result");
            gen.writeStringProperty("error", message);
        }
        writeId(gen, id);
        gen.writeEndObject();
    }

    /**
     * @param gen where to write
     * @param request the pipe request that has no more elements
     */
    public static void writePipeEnd(JsonGenerator gen, RequestMessage request) {
        gen.writeStartObject();
        if (request.jsonRpc2()) {
            gen.writeStringProperty("jsonrpc", "2.0");
            gen.writeNullProperty("result");
        } else {
            gen.writeNullProperty("result");
            gen.writeNullProperty("error");
        }
        writeId(gen, request.id());
        gen.writeBooleanProperty(PIPE_END, true);
        gen.writeEndObject();
    }

    /** The id token as it came, written with the generator's own rules whatever converts the values. */
    private static void writeId(JsonGenerator gen, JsonNode id) {
        gen.writeName("id");
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            gen.writeNumber(id.longValue());
        } else {
            gen.writeTree(id);
        }
    }
}

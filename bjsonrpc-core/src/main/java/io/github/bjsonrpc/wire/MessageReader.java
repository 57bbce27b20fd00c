package io.github.bjsonrpc.wire;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns one line into messages, classifying them as the reference does: an array is a batch of elements
 * classified one by one; an object with {@code method} is a request (even if it also has {@code result}); an
 * object with {@code result} or {@code error} is a reply; an object with only a non-null {@code id} is answered
 * {@code Unknown format}; anything else is dropped. Unlike the reference, a bad batch element does not abort the
 * rest of the batch.
 */
public final class MessageReader {

    private MessageReader() {
    }

    /**
     * @param line the bytes of one line, UTF-8, without the {@code \n}; a trailing {@code \r} or other JSON
     *        white space is ignored
     * @param offset where the line starts in {@code line}
     * @param length its length
     * @param visitor receives the messages in order
     */
    public static void read(byte[] line, int offset, int length, MessageVisitor visitor) {
        if (isBlank(line, offset, length)) {
            visitor.dropped("empty");
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line, offset, length);
        } catch (JacksonException e) {
            visitor.dropped("malformed");
            return;
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                visitor.dropped("empty-batch");
            }
            for (JsonNode element : root) {
                classify(element, visitor);
            }
        } else {
            classify(root, visitor);
        }
    }

    private static void classify(JsonNode node, MessageVisitor visitor) {
        if (!node.isObject()) {
            visitor.dropped("not-an-object");
            return;
        }
        JsonNode id = node.get("id");
        if (id != null && id.isNull()) {
            id = null;
        }
        boolean jsonRpc2 = node.has("jsonrpc");
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isString()) {
                answerOrDrop(id, jsonRpc2, visitor);
                return;
            }
            visitor.request(new RequestMessage(method.asString(), id, nullToAbsent(node.get("params")),
                nullToAbsent(node.get("kwparams")), jsonRpc2, isPipeEnd(node), context(node)));
            return;
        }
        JsonNode result = node.get("result");
        JsonNode error = node.get("error");
        if (result != null || error != null) {
            visitor.reply(new ReplyMessage(id, result == null ? Json.MAPPER.nullNode() : result,
                error == null || error.isNull() ? null : error, isPipeEnd(node)));
            return;
        }
        answerOrDrop(id, jsonRpc2, visitor);
    }

    private static void answerOrDrop(JsonNode id, boolean jsonRpc2, MessageVisitor visitor) {
        if (id != null) {
            visitor.unknownFormat(id, jsonRpc2);
        } else {
            visitor.dropped("no-id");
        }
    }

    private static boolean isPipeEnd(JsonNode node) {
        JsonNode marker = node.get(MessageWriter.PIPE_END);
        return marker != null && marker.isBoolean() && marker.booleanValue();
    }

    /** The strings of the {@value MessageWriter#CONTEXT} member; anything else in it is ignored. */
    private static Map<String, String> context(JsonNode node) {
        JsonNode context = node.get(MessageWriter.CONTEXT);
        if (context == null || !context.isObject() || context.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : context.properties()) {
            if (entry.getValue().isString()) {
                values.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return values;
    }

    private static JsonNode nullToAbsent(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static boolean isBlank(byte[] line, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}

package io.github.bjsonrpc.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Turns one line into messages, classifying them as the reference does: an array is a batch of elements
 * classified one by one; an object with {@code method} is a request (even if it also has {@code result}); an
 * object with {@code result} or {@code error} is a reply; an object with only a non-null {@code id} is answered
 * {@code Unknown format}; anything else is dropped. Unlike the reference, a bad batch element does not abort the
 * rest of the batch.
 *
 * <p>A line is read as a stream: the members of a message are read one by one, each value as a tree, and no tree is
 * built for the message itself. The line is checked whole before any of its messages is handed over: a line that
 * is not one JSON value hands over nothing.
 */
public final class MessageReader {

    /** The reason a batch element that is no object is dropped. */
    private static final String NOT_AN_OBJECT = "not-an-object";

    /**
     * The wire mapper's deserializer of trees, found once: the parser's context would look it up again for every
     * value, introspecting {@code JsonNode} each time.
     */
    private static volatile ValueDeserializer<Object> trees;

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
        Object single = null;
        List<Object> batch = null;
        try (JsonParser parser = Json.MAPPER.createParser(line, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                single = Members.read(parser);
            } else if (first == JsonToken.START_ARRAY) {
                batch = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    batch.add(element(parser));
                }
            } else {
                tree(parser);
                single = NOT_AN_OBJECT;
            }
            if (parser.nextToken() != null) {
                visitor.dropped("malformed");
                return;
            }
        } catch (JacksonException e) {
            visitor.dropped("malformed");
            return;
        }
        if (batch == null) {
            classify(single, visitor);
            return;
        }
        if (batch.isEmpty()) {
            visitor.dropped("empty-batch");
        }
        for (Object element : batch) {
            classify(element, visitor);
        }
    }

    /** One element of a batch: its members if it is an object, otherwise the reason it is dropped. */
    private static Object element(JsonParser parser) {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return Members.read(parser);
        }
        tree(parser);
        return NOT_AN_OBJECT;
    }

    /** The value whose first token the parser is at, read whole as a tree, as the wire mapper reads trees. */
    private static JsonNode tree(JsonParser parser) {
        DeserializationContext context = (DeserializationContext) parser.objectReadContext();
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return context.getNodeFactory().nullNode();
        }
        ValueDeserializer<Object> deserializer = trees;
        if (deserializer == null) {
            deserializer = context.findRootValueDeserializer(context.constructType(JsonNode.class));
            trees = deserializer;
        }
        return (JsonNode) deserializer.deserialize(parser, context);
    }

    private static void classify(Object element, MessageVisitor visitor) {
        if (!(element instanceof Members message)) {
            visitor.dropped((String) element);
            return;
        }
        JsonNode id = message.id;
        if (id != null && id.isNull()) {
            id = null;
        }
        JsonNode method = message.method;
        if (method != null) {
            if (!method.isString()) {
                answerOrDrop(id, message.jsonRpc2, visitor);
                return;
            }
            visitor.request(new RequestMessage(method.asString(), id, nullToAbsent(message.params),
                nullToAbsent(message.kwparams), message.jsonRpc2, message.isPipeEnd(), message.context()));
            return;
        }
        JsonNode result = message.result;
        JsonNode error = message.error;
        if (result != null || error != null) {
            visitor.reply(new ReplyMessage(id, result == null ? Json.MAPPER.nullNode() : result,
                error == null || error.isNull() ? null : error, message.isPipeEnd()));
            return;
        }
        answerOrDrop(id, message.jsonRpc2, visitor);
    }

    private static void answerOrDrop(JsonNode id, boolean jsonRpc2, MessageVisitor visitor) {
        if (id != null) {
            visitor.unknownFormat(id, jsonRpc2);
        } else {
            visitor.dropped("no-id");
        }
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

    /**
     * The members of one object that make a message, each as the last of its name in the object (as a tree keeps
     * them); other members are read, so that the line is checked whole, and left out.
     */
    private static final class Members {
        private JsonNode id;
        private JsonNode method;
        private JsonNode params;
        private JsonNode kwparams;
        private JsonNode result;
        private JsonNode error;
        private JsonNode pipeEnd;
        private JsonNode context;
        private boolean jsonRpc2;

        /** Reads an object whose start the parser is at, up to its end. */
        static Members read(JsonParser parser) {
            Members members = new Members();
            String name;
            while ((name = parser.nextName()) != null) {
                parser.nextToken();
                JsonNode value = tree(parser);
                switch (name) {
                    case "id" -> members.id = value;
                    case "method" -> members.method = value;
                    case "params" -> members.params = value;
                    case "kwparams" -> members.kwparams = value;
                    case "result" -> members.result = value;
                    case "error" -> members.error = value;
                    case "jsonrpc" -> members.jsonRpc2 = true;
                    case MessageWriter.PIPE_END -> members.pipeEnd = value;
                    case MessageWriter.CONTEXT -> members.context = value;
                    default -> {
                        // not part of a message
                    }
                }
            }
            return members;
        }

        boolean isPipeEnd() {
            return pipeEnd != null && pipeEnd.isBoolean() && pipeEnd.booleanValue();
        }

        /** The strings of the {@value MessageWriter#CONTEXT} member; anything else in it is ignored. */
        Map<String, String> context() {
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
    }
}

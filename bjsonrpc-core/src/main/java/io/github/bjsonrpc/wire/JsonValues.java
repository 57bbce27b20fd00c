package io.github.bjsonrpc.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Converts JSON to the plain Java values an untyped caller or an {@code Object} parameter gets: {@code null},
 * {@code Boolean}, {@code String}, {@code Integer}, {@code Long} or {@code BigInteger} (the smallest that holds the
 * integer exactly), {@code Double} (never for an integer), {@code List} and {@code Map} with keys in arrival
 * order. The wire's reference objects become what the {@link References} make of them.
 */
public final class JsonValues {

    /** What to make of the reserved reference objects inside untyped data. */
    public interface References {

        /** Leaves every reserved key as plain data. */
        References NONE = node -> null;

        /**
         * @param object a JSON object
         * @return the Java value standing for it when it is a reference this side resolves, otherwise {@code null}
         */
        Object resolve(JsonNode object);
    }

    private JsonValues() {
    }

    /**
     * What {@link Json#MAPPER} makes of a string, boolean, integer or float for the types that take it as it is
     * ({@code String}, {@code Boolean}, {@code Integer} for an integer that fits, {@code Long}, {@code Double}, or
     * their primitives), without the cost of a binding. Only for the wire's own mapper: an application's may bind
     * these types its own way.
     *
     * @param node a JSON value
     * @param type the type asked for
     * @return the value, or {@code null} when it takes a binding (any other type, or a value of another kind)
     */
    public static Object scalar(JsonNode node, Class<?> type) {
        if (type == String.class) {
            return node.isString() ? node.stringValue() : null;
        }
        if (type == Integer.class || type == int.class) {
            return node.isInt() ? node.intValue() : null;
        }
        if (type == Long.class || type == long.class) {
            return node.isInt() || node.isLong() ? node.longValue() : null;
        }
        if (type == Boolean.class || type == boolean.class) {
            return node.isBoolean() ? node.booleanValue() : null;
        }
        if (type == Double.class || type == double.class) {
            return node.isDouble() ? node.doubleValue() : null;
        }
        return null;
    }

    /**
     * @param node a JSON value, or {@code null}
     * @param references resolves reference objects
     * @return the plain Java value
     */
    public static Object toJava(JsonNode node, References references) {
        if (node == null) {
            return null;
        }
        switch (node.getNodeType()) {
            case NULL, MISSING:
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case STRING:
                return node.stringValue();
            case NUMBER:
                return node.numberValue();
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(toJava(element, references));
                }
                return list;
            }
            case OBJECT: {
                if (node.size() == 1) {
                    Object resolved = references.resolve(node);
                    if (resolved != null) {
                        return resolved;
                    }
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    map.put(entry.getKey(), toJava(entry.getValue(), references));
                }
                return map;
            }
            default:
                return node;
        }
    }
}

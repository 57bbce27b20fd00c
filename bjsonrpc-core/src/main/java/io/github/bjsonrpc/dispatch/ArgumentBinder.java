package io.github.bjsonrpc.dispatch;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.JsonValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Binds a request's {@code params} / {@code kwparams} to a method's Java parameters the way Python binds
 * {@code f(*params, **kwparams)}, and words its failures as Python does, so that peers matching on
 * {@code TypeError: } keep working:
 *
 * <ul>
 * <li>{@code params} absent or {@code null}: no positionals, {@code kwparams} are the keywords;</li>
 * <li>{@code params} an object: the keywords ({@code kwparams} is then ignored);</li>
 * <li>{@code params} an array: the positionals, {@code kwparams} the keywords;</li>
 * <li>{@code params} a string: spread into one-character positionals, as the reference does.</li>
 * </ul>
 */
public final class ArgumentBinder {

    /** Resolves the reference objects that parameters of a reference type ask for. */
    public interface References {

        /**
         * @param method the method being bound
         * @param spec a parameter of an {@link io.github.bjsonrpc.Exported} type
         * @param value its argument, which should be {@code {"__objectreference__":NAME}}
         * @return the exported object
         * @throws BindException if the argument is no reference or names no live object of that type
         */
        Object object(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException;

        /**
         * @param method the method being bound
         * @param spec a {@link io.github.bjsonrpc.FunctionHandle} parameter
         * @param value its argument, which should be {@code {"__functionreference__":NAME}}
         * @return a handle on the named method
         * @throws BindException if the argument is no reference or names no published method
         */
        Object function(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException;
    }

    /** Added to a keyword error when the method's class was compiled without its parameter names. */
    private static final String NO_NAMES = " (the parameter names of this method were not compiled in: compile the "
        + "handler with -parameters to call it with keyword arguments)";

    private ArgumentBinder() {
    }

    /**
     * @param method the method called
     * @param params the request's {@code params}, or {@code null}
     * @param kwparams the request's {@code kwparams}, or {@code null}
     * @param connection the connection, for {@link Connection} parameters
     * @param references resolves the reference objects that parameters of a reference type ask for
     * @param values converts the other arguments to their parameters' types: the connection's value mapper
     * @return one argument per Java parameter
     * @throws BindException if the arguments do not fit; its message is the peer's error text
     */
    public static Object[] bind(PublishedMethod method, JsonNode params, JsonNode kwparams, Connection connection,
            References references, ObjectMapper values) throws BindException {
        List<JsonNode> positional;
        JsonNode keywords;
        if (params == null) {
            positional = List.of();
            keywords = kwparams;
        } else if (params.isObject()) {
            positional = List.of();
            keywords = params;
        } else if (params.isArray()) {
            int size = params.size();
            positional = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                positional.add(params.get(i));
            }
            keywords = kwparams;
        } else if (params.isString()) {
            String text = params.stringValue();
            positional = new ArrayList<>(text.length());
            text.codePoints().forEach(cp -> positional.add(StringNode.valueOf(new String(Character.toChars(cp)))));
            keywords = kwparams;
        } else {
            throw new BindException("TypeError: " + method.qualifiedName()
                + " argument after * must be an iterable, not " + jsonTypeName(params));
        }
        if (keywords != null && !keywords.isObject()) {
            throw new BindException("TypeError: " + method.qualifiedName()
                + " argument after ** must be a mapping, not " + jsonTypeName(keywords));
        }

        List<ParamSpec> specs = method.params();
        int valueCount = method.valueParams();
        if (positional.size() > valueCount && !method.hasVarargs()) {
            throw new BindException("TypeError: " + tooManyPositional(method, positional.size()));
        }
        JsonNode[] arguments = new JsonNode[valueCount];
        String[] names = new String[valueCount];
        int slot = 0;
        for (ParamSpec spec : specs) {
            if (spec.kind() == ParamSpec.Kind.VALUE) {
                names[slot] = spec.name();
                if (slot < positional.size()) {
                    arguments[slot] = positional.get(slot);
                }
                slot++;
            }
        }
        if (keywords != null) {
            for (Map.Entry<String, JsonNode> entry : keywords.properties()) {
                int index = indexOf(names, entry.getKey());
                if (index < 0) {
                    throw new BindException("TypeError: " + method.qualifiedName()
                        + " got an unexpected keyword argument '" + entry.getKey() + "'"
                        + (method.parameterNamesPresent() ? "" : NO_NAMES));
                }
                if (arguments[index] != null) {
                    throw new BindException("TypeError: " + method.qualifiedName()
                        + " got multiple values for argument '" + entry.getKey() + "'");
                }
                arguments[index] = entry.getValue();
            }
        }

        Object[] args = new Object[specs.size()];
        List<String> missing = null;
        slot = 0;
        for (int i = 0; i < args.length; i++) {
            ParamSpec spec = specs.get(i);
            switch (spec.kind()) {
                case CONNECTION -> args[i] = connection;
                case VARARGS -> args[i] = varargs(method, spec, positional, valueCount, references, values);
                case VALUE -> {
                    JsonNode value = arguments[slot++];
                    if (value != null) {
                        args[i] = convert(method, spec, value, references, values);
                    } else if (spec.optional()) {
                        args[i] = spec.type().getRawClass() == Optional.class ? Optional.empty() : null;
                    } else {
                        if (missing == null) {
                            missing = new ArrayList<>();
                        }
                        missing.add(spec.name());
                    }
                }
            }
        }
        if (missing != null) {
            throw new BindException("TypeError: " + method.qualifiedName() + " missing " + missing.size()
                + " required positional argument" + (missing.size() == 1 ? "" : "s") + ": " + quotedList(missing));
        }
        return args;
    }

    private static Object varargs(PublishedMethod method, ParamSpec spec, List<JsonNode> positional, int from,
            References references, ObjectMapper values) throws BindException {
        int count = Math.max(0, positional.size() - from);
        Object array = Array.newInstance(spec.type().getRawClass(), count);
        for (int i = 0; i < count; i++) {
            Array.set(array, i, convert(method, spec, positional.get(from + i), references, values));
        }
        return array;
    }

    private static Object convert(PublishedMethod method, ParamSpec spec, JsonNode value, References references,
            ObjectMapper values) throws BindException {
        switch (spec.reference()) {
            case OBJECT -> {
                return references.object(method, spec, value);
            }
            case FUNCTION -> {
                return references.function(method, spec, value);
            }
            default -> {
                // plain data
            }
        }
        JavaType type = spec.type();
        Class<?> raw = type.getRawClass();
        if (raw == Object.class) {
            return JsonValues.toJava(value, JsonValues.References.NONE);
        }
        if (JsonNode.class.isAssignableFrom(raw) && raw.isInstance(value)) {
            return value;
        }
        if (values == Json.MAPPER) {
            Object plain = JsonValues.scalar(value, raw);
            if (plain != null) {
                return plain;
            }
        }
        try {
            return values.treeToValue(value, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                + "': cannot convert " + preview(value) + " to " + pythonName(type));
        }
    }

    private static String tooManyPositional(PublishedMethod method, int given) {
        // counted as Python counts them: self included
        int most = method.valueParams() + 1;
        int least = method.requiredValueParams() + 1;
        String takes = least == most ? String.valueOf(most) : "from " + least + " to " + most;
        return method.qualifiedName() + " takes " + takes + " positional argument" + (most == 1 ? "" : "s")
            + " but " + (given + 1) + (given + 1 == 1 ? " was" : " were") + " given";
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String quotedList(List<String> names) {
        List<String> quoted = new ArrayList<>(names.size());
        names.forEach(n -> quoted.add("'" + n + "'"));
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        if (quoted.size() == 2) {
            return quoted.get(0) + " and " + quoted.get(1);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + ", and " + quoted.get(quoted.size() - 1);
    }

    /** The name of the Python type a peer would send for a Java type, or the Java type's simple name. */
    private static String pythonName(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class && type.containedTypeCount() == 1) {
            return pythonName(type.containedType(0));
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "bool";
        }
        if (raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)) {
            return "str";
        }
        if (raw == float.class || raw == double.class || raw == Float.class || raw == Double.class
                || raw == BigDecimal.class) {
            return "float";
        }
        if (raw.isPrimitive() || raw == Integer.class || raw == Long.class || raw == Short.class
                || raw == Byte.class || raw == BigInteger.class) {
            return "int";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "number";
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            return "list";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "dict";
        }
        return raw.getSimpleName().isEmpty() ? raw.getName() : raw.getSimpleName();
    }

    private static String jsonTypeName(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            case BOOLEAN -> "bool";
            case STRING -> "str";
            case ARRAY -> "list";
            case OBJECT -> "dict";
            default -> "NoneType";
        };
    }

    private static String preview(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}

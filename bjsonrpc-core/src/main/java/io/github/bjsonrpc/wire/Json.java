package io.github.bjsonrpc.wire;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration of the wire: what the reference writes and reads.
 *
 * <ul>
 * <li>Output is ASCII: every non-ASCII character is a lowercase <code>&#92;uXXXX</code> escape, characters beyond the
 * BMP a surrogate pair; {@code /} is not escaped.</li>
 * <li>{@code NaN}, {@code Infinity} and {@code -Infinity} are read and written as bare tokens.</li>
 * <li>Doubles are written in the reference's shortest form ({@link PythonFloats}); integers of any size are
 * exact both ways.</li>
 * <li>A line holding more than one JSON value is an error.</li>
 * </ul>
 */
public final class Json {

    /** The reserved key naming an object of the writer: {@code {"__remoteobject__":NAME}}. */
    public static final String REMOTE_OBJECT = "__remoteobject__";
    /** The reserved key naming an object of the reader: {@code {"__objectreference__":NAME}}. */
    public static final String OBJECT_REFERENCE = "__objectreference__";
    /** The reserved key naming a method of the reader: {@code {"__functionreference__":NAME}}. */
    public static final String FUNCTION_REFERENCE = "__functionreference__";

    /**
     * The wire's own mapper: it writes and reads every message, and converts values on connections whose options
     * name no mapper of their own. Thread-safe; configure nothing on it after start-up.
     */
    public static final JsonMapper MAPPER = createMapper();

    /**
     * What an application mapper must never do with a value it writes into a message: indent it, wrap it in a root
     * name, flush the line half-written, or close it once written (an exported object lives on).
     */
    private static final SerializationFeature[] NEVER_FOR_VALUES = {SerializationFeature.INDENT_OUTPUT,
        SerializationFeature.WRAP_ROOT_VALUE, SerializationFeature.FLUSH_AFTER_WRITE_VALUE,
        SerializationFeature.CLOSE_CLOSEABLE};

    private Json() {
    }

    /**
     * The mapper that converts the values of connections whose options name {@code application}: parameters and
     * results of this side's methods, arguments and results of its calls. It keeps the application's rules (its
     * modules, serializers, naming, inclusion, date and enum handling) and adds the wire's: the reference objects
     * ({@link io.github.bjsonrpc.RemoteObject}, {@link io.github.bjsonrpc.FunctionReference},
     * {@link io.github.bjsonrpc.Exported} instances) are written as the wire writes them, no value is indented,
     * wrapped in a root name or closed once written, and a value with nothing to write fails as the reference's
     * {@code not JSON serializable} does instead of becoming {@code {}}. The bytes themselves stay the wire's
     * whatever the application mapper says: every message is written by a generator of {@link #MAPPER} (key order,
     * ASCII escapes, the reference's number forms, one line) and read by its parser, and the application mapper only
     * fills in the values.
     *
     * <p>A mapper that already follows these rules (the wire's own, or one this method returned) is returned as it
     * is; any other is rebuilt, which takes a while: give connections the mapper this method returns to spare each
     * of them the rebuilding.
     *
     * @param application the application's mapper, or {@code null} for the wire's own
     * @return a mapper for the values of such connections
     */
    public static JsonMapper valueMapper(JsonMapper application) {
        if (application == null || followsWireRules(application)) {
            return application == null ? MAPPER : application;
        }
        return application.rebuild()
            .disable(NEVER_FOR_VALUES)
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.UNWRAP_ROOT_VALUE)
            .addModule(new WireModule())
            .build();
    }

    private static boolean followsWireRules(JsonMapper mapper) {
        for (SerializationFeature feature : NEVER_FOR_VALUES) {
            if (mapper.isEnabled(feature)) {
                return false;
            }
        }
        if (mapper.isEnabled(DeserializationFeature.UNWRAP_ROOT_VALUE)
                || !mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)) {
            return false;
        }
        for (JacksonModule module : mapper.registeredModules()) {
            if (module instanceof WireModule) {
                return true;
            }
        }
        return false;
    }

    private static JsonMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .addDecorator((f, generator) -> new PythonNumberGenerator(generator))
            .recyclerPool(WireRecyclers.POOL)
            .build();
        return JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new WireModule())
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    }

    /** Writes every double and float in the reference's spelling, whoever asks for it (beans, trees, ids). */
    private static final class PythonNumberGenerator extends JsonGeneratorDelegate {

        PythonNumberGenerator(JsonGenerator delegate) {
            super(delegate, true);
        }

        @Override
        public JsonGenerator writeNumber(double value) {
            delegate.writeNumber(PythonFloats.format(value));
            return this;
        }

        @Override
        public JsonGenerator writeNumber(float value) {
            delegate.writeNumber(PythonFloats.format(value));
            return this;
        }
    }
}

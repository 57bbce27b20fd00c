package io.github.bjsonrpc.wire;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.DeserializationFeature;
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

    /** The shared mapper. Thread-safe; configure nothing on it after start-up. */
    public static final JsonMapper MAPPER = createMapper();

    private Json() {
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

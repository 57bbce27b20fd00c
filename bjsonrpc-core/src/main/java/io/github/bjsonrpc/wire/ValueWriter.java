package io.github.bjsonrpc.wire;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the values of one connection's messages (arguments, results) into a line's generator, with the
 * connection's value mapper ({@link Json#valueMapper}) and its exported objects named. With the wire's own mapper,
 * a {@code String}, {@code Integer}, {@code Long}, {@code Boolean} or {@code null} is written by the generator
 * straight away, as that mapper's serializers would write it, without a serialization context or a serializer
 * lookup; an application's mapper, whose serializers may differ, writes every value itself. Thread-safe.
 */
public final class ValueWriter {

    private final ObjectWriter writer;
    private final boolean wireMapper;

    /**
     * @param values the connection's value mapper
     * @param objects names the connection's exported objects
     */
    public ValueWriter(JsonMapper values, Exporter objects) {
        this.writer = values.writer().withAttribute(Exporter.class, objects);
        this.wireMapper = values == Json.MAPPER;
    }

    /**
     * Writes one value.
     *
     * @param gen where to write: a generator of {@link Json#MAPPER}
     * @param value the value, perhaps {@code null}
     */
    public void write(JsonGenerator gen, Object value) {
        if (wireMapper && writeScalar(gen, value)) {
            return;
        }
        writer.writeValue(gen, value);
    }

    /** Writes a JDK scalar as the wire's mapper would, or nothing if the value is not one. */
    private static boolean writeScalar(JsonGenerator gen, Object value) {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String text) {
            gen.writeString(text);
        } else if (value instanceof Integer number) {
            gen.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            gen.writeNumber(number.longValue());
        } else if (value instanceof Boolean flag) {
            gen.writeBoolean(flag);
        } else {
            return false;
        }
        return true;
    }
}

package io.github.bjsonrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The JDK scalars the wire's mapper writes straight to the generator come out as that mapper would write them; an
 * application mapper's own serializers are never bypassed.
 */
class ValueWriterTest {

    private static final Exporter NO_OBJECTS = object -> {
        throw new AssertionError("nothing is exported here");
    };

    private static String written(ValueWriter values, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = Json.MAPPER.createGenerator(out)) {
            values.write(gen, value);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String writtenByTheMapper(JsonMapper mapper, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = Json.MAPPER.createGenerator(out)) {
            mapper.writer().withAttribute(Exporter.class, NO_OBJECTS).writeValue(gen, value);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scalarsComeOutAsTheWireMapperWritesThem() {
        ValueWriter values = new ValueWriter(Json.MAPPER, NO_OBJECTS);
        List<Object> scalars = Arrays.asList("plain", "quote \" slash / tab \t é ☃ \uD83D\uDE00", "", 0,
            Integer.MIN_VALUE, Long.MAX_VALUE, -1L, true, false, null);
        for (Object scalar : scalars) {
            assertThat(written(values, scalar)).as("%s", scalar).isEqualTo(writtenByTheMapper(Json.MAPPER, scalar));
        }
        assertThat(written(values, "é")).isEqualTo("\"\\u00e9\"");
    }

    @Test
    void otherValuesAreWrittenByTheMapper() {
        ValueWriter values = new ValueWriter(Json.MAPPER, NO_OBJECTS);
        assertThat(written(values, Double.NaN)).isEqualTo("NaN");
        assertThat(written(values, Map.of("a", List.of(1, "b")))).isEqualTo("{\"a\":[1,\"b\"]}");
    }

    @Test
    void anApplicationMappersSerializersAreNeverBypassed() {
        JsonMapper application = Json.valueMapper(JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(String.class, new Shouting())).build());
        ValueWriter values = new ValueWriter(application, NO_OBJECTS);
        assertThat(written(values, "hello")).isEqualTo("\"HELLO\"");
        assertThat(written(values, List.of("a"))).isEqualTo("[\"A\"]");
        assertThat(written(values, 7)).isEqualTo("7");
    }

    /** An application's serializer for strings. */
    private static final class Shouting extends StdSerializer<String> {
        Shouting() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(value.toUpperCase(Locale.ROOT));
        }
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.wire.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * An application's Jackson mapper converts the values of a server's and a client's connections with its own rules
 * (here a serializer that writes an {@link Instant} as its epoch seconds), while the bytes on the wire stay the
 * wire's whatever that mapper says: key order, lowercase ASCII escapes, the reference's number forms, one line.
 */
class ApplicationJsonMapperTest {

    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** The application's own rule: an instant is its epoch seconds, a JSON float. */
    static SimpleModule epochSeconds() {
        SimpleModule module = new SimpleModule("epoch-seconds");
        module.addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
                gen.writeNumber(value.getEpochSecond() + value.getNano() / 1e9);
            }
        });
        module.addDeserializer(Instant.class, new ValueDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext context) {
                BigDecimal seconds = p.getDecimalValue();
                return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
        });
        return module;
    }

    /** An application mapper whose output rules would break the wire if they reached it. */
    static JsonMapper applicationMapper() {
        return JsonMapper.builder()
            .addModule(epochSeconds())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRAP_ROOT_VALUE)
            .enable(SerializationFeature.CLOSE_CLOSEABLE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.UNWRAP_ROOT_VALUE)
            .enable(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    }

    /** Times and what the application makes of them. */
    public static class Clock {
        public Instant later(Instant at, long seconds) {
            return at.plusSeconds(seconds);
        }

        public Map<String, Object> describe(Instant at) {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("label", "café €");
            described.put("at", at);
            described.put("big", BigInteger.TWO.pow(70));
            described.put("ratio", 1.0);
            return described;
        }

        public Exporter exporter() {
            return new Exporter();
        }

        public Object nothingToWrite() {
            return new Object();
        }
    }

    /** An object the server exports by reference, alive until the peer deletes it. */
    @Exported
    public static class Exporter implements AutoCloseable {
        private boolean closed;

        public String name() {
            return closed ? "closed" : "exported";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private BjsonRpcServer server(ConnectionOptions options) {
        return cleanup.track(BjsonRpcServer.builder().host("127.0.0.1").port(0)
            .handlerFactory(connection -> new Clock()).options(options).start());
    }

    @Test
    void aServerConvertsWithTheApplicationsRulesAndWritesTheWiresBytes() {
        BjsonRpcServer server = server(ConnectionOptions.builder().jsonMapper(applicationMapper()).build());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"later\",\"id\":1,\"params\":[1700000000.5,90]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":1700000090.5,\"error\":null,\"id\":1}");

            peer.send("{\"method\":\"describe\",\"id\":\"two\",\"params\":[1700000000.0]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":{\"label\":\"caf\\u00e9 \\u20ac\","
                + "\"at\":1700000000.0,\"big\":1180591620717411303424,\"ratio\":1.0},\"error\":null,\"id\":\"two\"}");

            peer.send("{\"method\":\"exporter\",\"id\":3}");
            Matcher exported = Pattern.compile("\\{\"result\":\\{\"__remoteobject__\":\"(exporter_\\w+)\"},"
                + "\"error\":null,\"id\":3}").matcher(peer.readLine());
            assertThat(exported.matches()).isTrue();
            peer.send("{\"method\":\"" + exported.group(1) + ".name\",\"id\":4}");
            assertThat(peer.readLine()).as("written by reference, and not closed for it")
                .isEqualTo("{\"result\":\"exported\",\"error\":null,\"id\":4}");

            peer.send("{\"method\":\"nothingToWrite\",\"id\":5}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"TypeError: Object of type Object is "
                + "not JSON serializable\",\"id\":5}");
        }
    }

    @Test
    void withoutAnApplicationMapperTheLibrarysOwnRulesConvert() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"later\",\"id\":1,\"params\":[\"2023-11-14T22:13:20.5Z\",90]}");
            assertThat(peer.readLine())
                .isEqualTo("{\"result\":\"2023-11-14T22:14:50.500Z\",\"error\":null,\"id\":1}");
        }
    }

    @Test
    void aClientConvertsArgumentsAndResultsWithTheApplicationsRules() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", listener.getLocalPort(),
                HandlerFactory.NONE, ConnectionOptions.builder().jsonMapper(applicationMapper()).build()));
            try (RawPeer peer = RawPeer.accept(listener)) {
                Request<Instant> later = client.method(Instant.class, "later", AT, 90);
                assertThat(peer.readLine())
                    .isEqualTo("{\"method\":\"later\",\"id\":" + later.id() + ",\"params\":[1700000000.5,90]}");
                peer.send("{\"result\":1700000090.25,\"error\":null,\"id\":" + later.id() + "}");
                assertThat(later.value()).isEqualTo(Instant.ofEpochSecond(1_700_000_090L, 250_000_000));

                Request<Object> untyped = client.method("echo", Map.of("at", AT), "ünï", 1.0f);
                assertThat(peer.readLine()).isEqualTo("{\"method\":\"echo\",\"id\":" + untyped.id()
                    + ",\"params\":[{\"at\":1700000000.5},\"\\u00fcn\\u00ef\",1.0]}");
                peer.send("{\"result\":[1.0,12345678901234567890],\"error\":null,\"id\":" + untyped.id() + "}");
                assertThat(untyped.value())
                    .isEqualTo(java.util.List.of(1.0, new BigInteger("12345678901234567890")));
            }
        }
    }

    @Test
    void aMapperIsMadeReadyForTheWireOnceAndKeptAsItIsAfterwards() {
        JsonMapper application = applicationMapper();
        JsonMapper ready = Json.valueMapper(application);

        assertThat(Json.valueMapper(null)).isSameAs(Json.MAPPER);
        assertThat(Json.valueMapper(Json.MAPPER)).isSameAs(Json.MAPPER);
        assertThat(ready).isNotSameAs(application);
        assertThat(Json.valueMapper(ready)).isSameAs(ready);
        assertThat(ready.isEnabled(SerializationFeature.INDENT_OUTPUT)).isFalse();
        assertThat(ready.isEnabled(SerializationFeature.WRAP_ROOT_VALUE)).isFalse();
        assertThat(ready.isEnabled(DeserializationFeature.UNWRAP_ROOT_VALUE)).isFalse();
        assertThat(ready.isEnabled(SerializationFeature.CLOSE_CLOSEABLE)).isFalse();
        assertThat(ready.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS)).isTrue();
        assertThat(ready.valueToTree(AT).doubleValue()).isEqualTo(1_700_000_000.5);
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;
import io.github.bjsonrpc.support.RawPeer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The application's Jackson configuration ({@code spring.jackson.*}, its {@code JacksonModule} beans) converts the
 * values of its services and clients, in real applications over real sockets, while the bytes on the wire stay
 * the wire's: key order, ASCII escapes of non-ASCII text, the reference's number forms, one line per message even
 * with {@code spring.jackson.serialization.indent-output=true}.
 */
class ApplicationJsonTest {

    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L, 500_000_000);

    @RegisterExtension
    final Apps apps = new Apps();

    /** The application's rule, as a module bean: an instant is its epoch seconds, a JSON float. */
    @Configuration(proxyBeanMethods = false)
    static class EpochSeconds {

        @Bean
        JacksonModule epochSecondsModule() {
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
    }

    /** A rule for bjsonrpc only: an instant is its epoch milliseconds. */
    @Configuration(proxyBeanMethods = false)
    static class EpochMillisForBjsonRpc {

        @Bean
        BjsonRpcJsonMapperCustomizer epochMillis() {
            SimpleModule module = new SimpleModule("epoch-millis");
            module.addSerializer(Instant.class, new ValueSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
                    gen.writeNumber(value.toEpochMilli());
                }
            });
            return builder -> builder.addModule(module);
        }
    }

    /** The server application's service. */
    @BjsonRpcService
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
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Clock.class, EpochSeconds.class})
    static class ServerApp {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Clock.class, EpochSeconds.class, EpochMillisForBjsonRpc.class})
    static class CustomizedServerApp {
    }

    /** The client application's typed view of the clock. */
    public interface ClockApi {
        Instant later(Instant at, long seconds);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(EpochSeconds.class)
    @ImportBjsonRpcClients(client = "clock", types = ClockApi.class)
    static class ClientApp {
    }

    private ConfigurableApplicationContext server(Class<?> app, String... properties) {
        String[] all = new String[properties.length + 2];
        all[0] = "bjsonrpc.server.port=0";
        all[1] = "spring.jackson.serialization.indent-output=true";
        System.arraycopy(properties, 0, all, 2, properties.length);
        return apps.start(app, all);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
    }

    @Test
    void aServiceConvertsWithTheApplicationsJacksonAndAnswersInTheWiresBytes() {
        ConfigurableApplicationContext context = server(ServerApp.class);
        assertThat(context.getBean(JsonMapper.class).writeValueAsString(Map.of("at", AT)))
            .as("the application's own mapper indents and writes its instants as seconds")
            .contains("\n").contains("1.7000000005E9");

        try (RawPeer peer = RawPeer.connect(port(context))) {
            peer.send("{\"method\":\"later\",\"id\":1,\"params\":[1700000000.5,90]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":1700000090.5,\"error\":null,\"id\":1}");

            peer.send("{\"method\":\"describe\",\"params\":[1700000000.0],\"id\":2}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":{\"label\":\"caf\\u00e9 \\u20ac\","
                + "\"at\":1700000000.0,\"big\":1180591620717411303424,\"ratio\":1.0},\"error\":null,\"id\":2}");
        }
    }

    @Test
    void aClientConvertsWithTheApplicationsJacksonAndCallsInTheWiresBytes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // a tracer is on this module's test classpath: left out here, so that requests carry no trace context
            ConfigurableApplicationContext context = apps.start(ClientApp.class,
                "spring.jackson.serialization.indent-output=true", "bjsonrpc.clients.clock.host=127.0.0.1",
                "bjsonrpc.clients.clock.port=" + listener.getLocalPort(),
                "spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.brave.autoconfigure"
                    + ".BraveAutoConfiguration");
            ClockApi clock = context.getBean(ClockApi.class);

            CompletableFuture<Instant> later = CompletableFuture.supplyAsync(() -> clock.later(AT, 90));
            try (RawPeer peer = RawPeer.accept(listener)) {
                assertThat(peer.readLine()).isEqualTo("{\"method\":\"later\",\"id\":1,\"params\":[1700000000.5,90]}");
                peer.send("{\"result\":1700000090.25,\"error\":null,\"id\":1}");
                assertThat(later.get(30, TimeUnit.SECONDS))
                    .isEqualTo(Instant.ofEpochSecond(1_700_000_090L, 250_000_000));
            }
        }
    }

    @Test
    void aCustomizerChangesBjsonRpcsMapperAndNotTheApplications() {
        ConfigurableApplicationContext context = server(CustomizedServerApp.class);
        assertThat(context.getBean(JsonMapper.class).writeValueAsString(AT)).isEqualTo("1.7000000005E9");

        try (RawPeer peer = RawPeer.connect(port(context))) {
            peer.send("{\"method\":\"later\",\"id\":1,\"params\":[1700000000.5,90]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":1700000090500,\"error\":null,\"id\":1}");
        }
    }

    @Test
    void theApplicationsMapperCanBeLeftOut() {
        ConfigurableApplicationContext context = server(ServerApp.class,
            "bjsonrpc.json.use-application-mapper=false");

        try (RawPeer peer = RawPeer.connect(port(context))) {
            peer.send("{\"method\":\"later\",\"id\":1,\"params\":[\"2023-11-14T22:13:20.5Z\",90]}");
            assertThat(peer.readLine())
                .isEqualTo("{\"result\":\"2023-11-14T22:14:50.500Z\",\"error\":null,\"id\":1}");
        }
    }
}

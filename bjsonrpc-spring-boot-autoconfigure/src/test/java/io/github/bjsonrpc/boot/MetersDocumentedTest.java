package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.Readme;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The README's table of meters (section Observability) is what an application really registers: each meter with
 * its tag keys, the ones marked {@code start-up} present before any traffic, and every other one present after
 * calls handled and issued, a pipe, remote objects, a rejected line and a refused export.
 */
class MetersDocumentedTest {

    /** A row of the meters table: names, what they are, tag keys, when they appear. */
    private static final Pattern ROW = Pattern.compile(
        "^\\| ((?:`bjsonrpc\\.[a-z.]+`(?: / )?)+) \\| [^|]+ \\| ([^|]*) \\| ([^|]+) \\|$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** A documented meter: its tag keys, and whether it exists from start-up. */
    record Documented(Set<String> tags, boolean fromStartUp) {
    }

    /** The application's service. */
    @BjsonRpcService
    public static class Lists {
        public int add2(int a, int b) {
            return a + b;
        }

        public Item newItem() {
            return new Item();
        }
    }

    /** An object handed out by reference. */
    @Exported
    public static class Item {
        public String ping() {
            return "pong";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Lists.class)
    static class App {
    }

    /** The server the application's client calls. */
    public static class Downstream {
        public String echo(String text) {
            return text;
        }

        public Stream<Integer> numbers() {
            return Stream.of(1, 2, 3);
        }
    }

    private final BjsonRpcServer downstream = BjsonRpc.createServer("127.0.0.1", 0, c -> new Downstream());
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        downstream.stop();
    }

    @Test
    void theReadmeListsEveryMeterWithItsTagsAndWhenItAppears() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("bjsonrpc.server.port=0", "bjsonrpc.server.max-remote-objects=1",
                "bjsonrpc.clients.downstream.port=" + downstream.port())
            .run();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Map<String, Documented> documented = documented();

        assertThat(tagKeysByMeter(meters).keySet()).as("meters at start-up").isEqualTo(documented.entrySet()
            .stream().filter(e -> e.getValue().fromStartUp()).map(Map.Entry::getKey).collect(Collectors.toSet()));

        exercise(context.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class),
            context.getBean("downstream", BjsonRpcClient.class));

        Map<String, Set<String>> expected = new TreeMap<>();
        documented.forEach((name, meter) -> expected.put(name, meter.tags()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(tagKeysByMeter(meters)).as("meters and their tag keys after use").isEqualTo(expected));
    }

    private static void exercise(int port, BjsonRpcClient downstream) {
        try (Connection client = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
            assertThat(client.call("add2", 1, 2)).isEqualTo(3);
            client.call("newItem");
            assertThatThrownBy(() -> client.call("newItem")).isInstanceOf(RemoteError.class)
                .hasMessageContaining("remote objects");
        }
        try (RawPeer raw = RawPeer.connect(port)) {
            raw.send("not json");
            raw.send("{\"method\":\"add2\",\"params\":[2,2],\"id\":1}");
            assertThat(raw.readLine()).contains("\"result\":4");
        }
        assertThat(downstream.call("echo", "hi")).isEqualTo("hi");
        assertThat(downstream.pipe(Integer.class, "numbers").stream().limit(3).toList()).containsExactly(1, 2, 3);
    }

    private static Map<String, Set<String>> tagKeysByMeter(MeterRegistry meters) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            String name = meter.getId().getName();
            if (name.startsWith("bjsonrpc.")) {
                keys.computeIfAbsent(name, n -> new TreeSet<>())
                    .addAll(meter.getId().getTags().stream().map(tag -> tag.getKey()).toList());
            }
        }
        return keys;
    }

    private static Map<String, Documented> documented() {
        Map<String, Documented> meters = new TreeMap<>();
        Matcher row = ROW.matcher(Readme.section("### Observability"));
        while (row.find()) {
            Documented meter = new Documented(codes(row.group(2)), row.group(3).trim().startsWith("start-up"));
            codes(row.group(1)).forEach(name -> meters.put(name, meter));
        }
        assertThat(meters).as("meters in the README's table").isNotEmpty();
        return meters;
    }

    private static Set<String> codes(String cell) {
        Matcher code = CODE.matcher(cell);
        Set<String> found = new TreeSet<>();
        while (code.find()) {
            found.add(code.group(1));
        }
        return found;
    }
}

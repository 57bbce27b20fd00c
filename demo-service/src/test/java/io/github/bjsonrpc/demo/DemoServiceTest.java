package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.test.autoconfigure.LocalBjsonRpcServerPort;
import io.github.bjsonrpc.dispatch.MethodTable;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerReplay;
import io.github.bjsonrpc.support.Transcript;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo as users run it, on free ports: it is the conformance peer (every server-side transcript of
 * {@code bjsonrpc-core/src/test/resources/wire/}, read from core's test-jar, replays against it) and its Actuator
 * endpoints are read over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bjsonrpc.server.port=0")
class DemoServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Class<?>> SERVICES = List.of(BasicsService.class, ErrorsService.class,
        PipesService.class, ObjectsService.class, ReverseCallsService.class, LoadTestService.class);
    private static final Pattern REFERENCE_OWNER = Pattern.compile("ServerHandler\\.(\\w+)\\(\\)");

    @LocalBjsonRpcServerPort
    int port;

    @LocalServerPort
    int httpPort;

    /** The transcripts recorded against a server; the client_* ones and peer_disconnect script the server side. */
    static Stream<String> serverScenarios() {
        return Transcript.names().stream()
            .filter(name -> !name.startsWith("client_") && !name.equals("peer_disconnect"));
    }

    /** The reference names its handler class in TypeError texts; the demo's methods live in several services. */
    static String ownedByDemoServices(String line) {
        Matcher matcher = REFERENCE_OWNER.matcher(line);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String method = matcher.group(1);
            String owner = SERVICES.stream().filter(s -> MethodTable.of(s).publishes(method)).findFirst()
                .orElseThrow().getSimpleName();
            matcher.appendReplacement(out, owner + "." + method + "()");
        }
        return matcher.appendTail(out).toString();
    }

    @TestFactory
    Stream<DynamicTest> transcriptsReplayAgainstTheDemo() {
        // threaded_dispatch needs more than one request at a time: DemoThreadedDispatchTest
        return serverScenarios().filter(name -> !name.equals("threaded_dispatch"))
            .map(name -> DynamicTest.dynamicTest(name,
                () -> ServerReplay.replay(port, name, DemoServiceTest::ownedByDemoServices)));
    }

    @Test
    void theLoadTestCounterIsPerConnection() {
        try (Connection first = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE);
                Connection second = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
            for (int i = 0; i < 100; i++) {
                first.notify("tick", i);
            }
            second.notify("tick");
            assertThat(first.call("count")).isEqualTo(100);
            assertThat(second.call("count")).isEqualTo(1);
            assertThat(first.call("echo", "s")).isEqualTo("s");
        }
    }

    @Test
    void actuatorShowsHealthMetricsAndLiveConnections() throws Exception {
        JsonNode health = get("/actuator/health");
        assertThat(health.at("/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/bjsonrpc/components/server/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/bjsonrpc/components/clients/components/peer/details/state").asString())
            .isEqualTo("DISCONNECTED");

        try (RawPeer peer = RawPeer.connect(port)) {
            peer.send("{\"method\":\"add2\",\"params\":[20,22],\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":42,\"error\":null,\"id\":1}");
            JsonNode report = get("/actuator/bjsonrpc");
            // other tests' connections may still be closing: this one is known by its peer's port
            JsonNode mine = connectionOf(report, peer.localPort());
            assertThat(mine).as("this test's connection in %s", report.at("/connections")).isNotNull();
            assertThat(mine.at("/role").asString()).isEqualTo("accepted");
            assertThat(mine.at("/bytesIn").asLong()).isPositive();
            assertThat(mine.at("/handlers").toString()).contains(BasicsService.class.getName());
            assertThat(report.at("/server/services").toString()).contains("newList").contains("askClient");
            assertThat(report.at("/clients/0/name").asString()).isEqualTo("peer");

            JsonNode metric = get("/actuator/metrics/bjsonrpc.handled?tag=rpc.method:add2&tag=outcome:success");
            assertThat(metric.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
            assertThat(get("/actuator/metrics/bjsonrpc.connections?tag=connection.role:accepted")
                .at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);

            HttpResponse<String> closed = HTTP.send(HttpRequest.newBuilder(uri("/actuator/bjsonrpc/"
                + mine.at("/id").asLong())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(closed.body()).at("/closed").asBoolean()).isTrue();
            assertThat(peer.readLine()).isNull();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> connectionOf(get("/actuator/bjsonrpc"), peer.localPort()) == null);
        }
    }

    /** The reported connection whose peer has this port, or {@code null}. */
    private static JsonNode connectionOf(JsonNode report, int peerPort) {
        for (JsonNode connection : report.at("/connections")) {
            if (connection.at("/peer").asString().endsWith(":" + peerPort)) {
                return connection;
            }
        }
        return null;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

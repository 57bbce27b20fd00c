package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.PeerState;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three server applications and one client application: calls spread over the three, an instance stopped under
 * load leaves every later call to the other two while its calls in flight fail clearly, it comes back when started
 * again, and the list follows discovery. Once with Spring Cloud's simple discovery, once with a static list.
 */
class SeveralInstancesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Holds the slow calls of an instance that is told to. */
    static class SlowCalls {
        final CountDownLatch release = new CountDownLatch(1);
    }

    /** The servers' service: says which instance answers, and calls the client back. */
    @BjsonRpcService
    public static class Calc {
        private final String instance;
        private final boolean slowWaits;
        private final SlowCalls slowCalls;
        private final io.github.bjsonrpc.Connection connection;

        public Calc(@Value("${calc.instance}") String instance, @Value("${calc.slow-waits:false}") boolean slowWaits,
                SlowCalls slowCalls, io.github.bjsonrpc.Connection connection) {
            this.instance = instance;
            this.slowWaits = slowWaits;
            this.slowCalls = slowCalls;
            this.connection = connection;
        }

        public String whoami() {
            return instance;
        }

        public String slow() throws InterruptedException {
            return !slowWaits || slowCalls.release.await(30, TimeUnit.SECONDS) ? instance : "never released";
        }

        public String askBack() {
            return instance + " called " + connection.call("clientName");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Calc.class, SlowCalls.class})
    static class ServerApp {
    }

    /** Published on every connection of the client, for the instances to call back. */
    @BjsonRpcService(server = false, clients = "calc")
    public static class ClientName {
        public String clientName() {
            return "billing";
        }
    }

    /** The typed view the client application uses. */
    public interface CalcApi {
        String whoami();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ClientName.class)
    @ImportBjsonRpcClients(client = "calc", types = CalcApi.class)
    static class ClientApp {
    }

    @RegisterExtension
    final Apps apps = new Apps();

    private ConfigurableApplicationContext server(String name, int port, String... more) {
        List<String> properties = new ArrayList<>(List.of("bjsonrpc.server.port=" + port, "calc.instance=" + name,
            "bjsonrpc.server.shutdown-grace-period=0s", "spring.cloud.discovery.enabled=false"));
        properties.addAll(List.of(more));
        return apps.start(ServerApp.class, properties.toArray(String[]::new));
    }

    /** Starts an instance again on its former port; another process may hold the port for a while. */
    private ConfigurableApplicationContext restart(String name, int port) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> server(name, port),
            Objects::nonNull);
    }

    private static int port(ConfigurableApplicationContext server) {
        return server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
    }

    private ConfigurableApplicationContext client(List<String> instances) {
        List<String> properties = new ArrayList<>(List.of("server.port=0", "bjsonrpc.server.enabled=false",
            "bjsonrpc.clients.calc.connect-on-startup=true", "bjsonrpc.clients.calc.required=true",
            "bjsonrpc.clients.calc.call-timeout=10s", "bjsonrpc.clients.calc.connect-timeout=2s",
            "bjsonrpc.clients.calc.reconnect.initial-delay=50ms", "bjsonrpc.clients.calc.reconnect.max-delay=200ms",
            "management.endpoints.web.exposure.include=health,bjsonrpc",
            "management.endpoint.health.show-details=always"));
        properties.addAll(instances);
        return apps.start(WebApplicationType.SERVLET, ClientApp.class, properties.toArray(String[]::new));
    }

    /** Simple discovery: each instance registered with another port, its bjsonrpc port in its metadata. */
    private static List<String> discovered(List<Integer> ports) {
        List<String> properties = new ArrayList<>(List.of("bjsonrpc.clients.calc.service-id=calc",
            "bjsonrpc.clients.calc.refresh-interval=0", "spring.cloud.loadbalancer.enabled=false"));
        for (int i = 0; i < ports.size(); i++) {
            String instance = "spring.cloud.discovery.client.simple.instances.calc[" + i + "].";
            properties.add(instance + "uri=http://127.0.0.1:" + (8080 + i));
            properties.add(instance + "metadata.bjsonrpc-port=" + ports.get(i));
        }
        return properties;
    }

    private static List<String> listed(List<Integer> ports) {
        return List.of("bjsonrpc.clients.calc.addresses=" + String.join(",",
            ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    }

    @Test
    void withSpringCloudDiscovery() throws Exception {
        ConfigurableApplicationContext client = failover(SeveralInstancesTest::discovered);

        // discovery changes: a leaves the service; the client follows at the next heartbeat
        SimpleDiscoveryProperties simple = client.getBean(SimpleDiscoveryProperties.class);
        List<InstanceProperties> instances = simple.getInstances().get("calc");
        instances.remove(0);
        client.publishEvent(new HeartbeatEvent(this, "changed"));
        BjsonRpcClient calc = calc(client);
        await().atMost(Duration.ofSeconds(10)).until(() -> calc.instances().size() == 2);
        assertThat(answers(calc, 20)).isEqualTo(Map.of("b", 10, "c", 10));
    }

    @Test
    void withAStaticList() throws Exception {
        failover(SeveralInstancesTest::listed);
    }

    private static BjsonRpcClient calc(ConfigurableApplicationContext client) {
        return client.getBean("calc", BjsonRpcClient.class);
    }

    private static Map<String, Integer> answers(BjsonRpcClient calc, int calls) {
        Map<String, Integer> answered = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            answered.merge((String) calc.call("whoami"), 1, Integer::sum);
        }
        return answered;
    }

    private static void awaitConnected(BjsonRpcClient calc, int instances) {
        await().atMost(Duration.ofSeconds(20)).until(() -> calc.instances().stream()
            .filter(i -> i.state() == BjsonRpcClient.State.CONNECTED).count() == instances);
    }

    /**
     * The scenario: spread, an instance stopped under load, its return.
     *
     * @param instances the client's properties that name the instances, from their ports
     * @return the running client application
     */
    private ConfigurableApplicationContext failover(Function<List<Integer>, List<String>> instances)
            throws Exception {
        ConfigurableApplicationContext a = server("a", 0);
        ConfigurableApplicationContext b = server("b", 0, "calc.slow-waits=true");
        ConfigurableApplicationContext c = server("c", 0);
        int portOfB = port(b);
        ConfigurableApplicationContext client = client(instances.apply(List.of(port(a), portOfB, port(c))));
        BjsonRpcClient calc = calc(client);
        CalcApi api = client.getBean(CalcApi.class);
        awaitConnected(calc, 3);

        // calls spread over the three, and each can call the client back
        assertThat(answers(calc, 30)).isEqualTo(Map.of("a", 10, "b", 10, "c", 10));
        assertThat(Set.of(calc.call("askBack"), calc.call("askBack"), calc.call("askBack")))
            .containsExactlyInAnyOrder("a called billing", "b called billing", "c called billing");
        assertThat(health(client).at("/components/clients/components/calc/details/instances")).hasSize(3);

        // a call in flight on b
        Request<Object> onB;
        do {
            Request<Object> slow = calc.method("slow");
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.isDone() || inFlightOnB(b));
            onB = slow;
        } while (onB.isDone());

        // load from four threads while b stops
        AtomicBoolean bGone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger laterCalls = new AtomicInteger();
        List<Throwable> failedInFlight = new CopyOnWriteArrayList<>();
        List<String> wrongLater = new CopyOnWriteArrayList<>();
        Map<String, Integer> laterAnswers = new ConcurrentHashMap<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(load.submit(() -> {
                while (!stop.get()) {
                    boolean later = bGone.get();
                    try {
                        String who = api.whoami();
                        if (later) {
                            laterAnswers.merge(who, 1, Integer::sum);
                            laterCalls.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        if (later) {
                            wrongLater.add(e.toString());
                        } else {
                            failedInFlight.add(e);
                        }
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> calc.instances().size() == 3);
        b.close();

        // the call in flight there fails clearly, at once
        Request<Object> inFlight = onB;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(inFlight::value))
            .isInstanceOf(ConnectionClosedException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(calc, 1) == BjsonRpcClient.State.DISCONNECTED);
        bGone.set(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> laterCalls.get() >= 200);
        // while b is away: health UP with the other two, b shown DISCONNECTED
        JsonNode health = health(client);
        assertThat(health.at("/components/clients/components/calc/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/clients/components/calc/details/instances/1/state").asString())
            .isEqualTo("DISCONNECTED");
        assertThat(client.getBean(MeterRegistry.class).get("bjsonrpc.client.instances").tag("client", "calc")
            .tag("state", "connected").gauge().value()).isEqualTo(2.0);

        // b comes back on its port, and is used again
        ConfigurableApplicationContext back = restart("b", portOfB);
        awaitConnected(calc, 3);
        stop.set(true);
        for (Future<?> thread : threads) {
            thread.get(30, TimeUnit.SECONDS);
        }
        load.shutdown();

        assertThat(wrongLater).as("later calls that failed").isEmpty();
        assertThat(failedInFlight).as("calls in flight on b when it stopped")
            .allSatisfy(e -> assertThat(e).isInstanceOf(ConnectionClosedException.class));
        assertThat(laterAnswers.keySet()).as("who answered later calls").isSubsetOf("a", "b", "c");
        assertThat(answers(calc, 30)).isEqualTo(Map.of("a", 10, "b", 10, "c", 10));
        assertThat(port(back)).isEqualTo(portOfB);
        JsonNode endpoint = get(client, "/actuator/bjsonrpc");
        assertThat(endpoint.at("/clients/0/instances")).hasSize(3);
        assertThat(endpoint.at("/clients/0/instances/1/state").asString()).isEqualTo("CONNECTED");
        return client;
    }

    private static boolean inFlightOnB(ConfigurableApplicationContext b) {
        return b.getBean(BjsonRpcConnections.class).all().stream()
            .anyMatch(live -> live.connection().stats().inFlightRequests() > 0);
    }

    private static BjsonRpcClient.State state(BjsonRpcClient calc, int index) {
        List<PeerState> instances = calc.instances();
        return instances.size() > index ? instances.get(index).state() : BjsonRpcClient.State.CLOSED;
    }

    private static JsonNode health(ConfigurableApplicationContext client) throws Exception {
        return get(client, "/actuator/health/bjsonrpc");
    }

    private static JsonNode get(ConfigurableApplicationContext client, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + client.getEnvironment().getRequiredProperty("local.server.port")
            + path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * A server application and client applications, each a real Spring Boot context, talking over loopback: calls both
 * ways from annotations and properties alone, per-connection services, reconnection, graceful shutdown and TLS.
 */
class ServerAndClientAppsTest {

    /** Holds the server's slow calls until the test releases them. */
    static class SlowCalls {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    /** The server application's service: one instance per connection. */
    @BjsonRpcService
    public static class Calculator {
        private final Connection connection;
        private final SlowCalls slowCalls;
        private int count;

        public Calculator(Connection connection, SlowCalls slowCalls) {
            this.connection = connection;
            this.slowCalls = slowCalls;
        }

        public int add2(int a, int b) {
            return a + b;
        }

        public int count() {
            return ++count;
        }

        public String whoCalls() {
            return "called by " + connection.call("clientName");
        }

        public String whoAmI() {
            return connection.principal().map(java.security.Principal::getName).orElse("anonymous");
        }

        public String slow() throws InterruptedException {
            slowCalls.started.countDown();
            return slowCalls.release.await(30, TimeUnit.SECONDS) ? "done" : "never released";
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Calculator.class, SlowCalls.class})
    static class ServerApp {
    }

    /** Published on the client's connection, for the server to call back. */
    @BjsonRpcService(server = false, clients = "calc")
    public static class ClientName {
        public String clientName() {
            return "spring-client";
        }
    }

    /** The client application's typed view of the calculator. */
    public interface CalculatorApi {
        int add2(int a, int b);

        int count();

        String whoCalls();

        String whoAmI();
    }

    /** A bean of the client application that gets the typed client by constructor injection. */
    static class Billing {
        final CalculatorApi calculator;

        Billing(CalculatorApi calculator) {
            this.calculator = calculator;
        }
    }

    /** Collects the connection events of a context. */
    static class Events {
        final List<BjsonRpcConnectionEvent> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BjsonRpcConnectionEvent event) {
            seen.add(event);
        }

        long count(Class<?> type) {
            return seen.stream().filter(type::isInstance).count();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ClientName.class, Billing.class, Events.class})
    @ImportBjsonRpcClients(client = "calc", types = CalculatorApi.class)
    static class ClientApp {
    }

    /** A bean that gets the client to the application's own server when the context is built, before it binds. */
    static class NeedsSelf {
        final BjsonRpcClient self;

        NeedsSelf(@Qualifier("self") BjsonRpcClient self) {
            this.self = self;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Calculator.class, SlowCalls.class, NeedsSelf.class})
    static class SelfCallingApp {
    }

    @RegisterExtension
    final Apps apps = new Apps();

    private ConfigurableApplicationContext start(Class<?> app, String... properties) {
        return apps.start(app, properties);
    }

    private ConfigurableApplicationContext server(String... properties) {
        List<String> all = new ArrayList<>(List.of("bjsonrpc.server.port=0"));
        all.addAll(List.of(properties));
        return start(ServerApp.class, all.toArray(String[]::new));
    }

    private ConfigurableApplicationContext client(int port, String... properties) {
        List<String> all = new ArrayList<>(List.of("bjsonrpc.server.enabled=false", "bjsonrpc.clients.calc.port=" + port,
            "bjsonrpc.clients.calc.reconnect.initial-delay=100ms", "bjsonrpc.clients.calc.reconnect.max-delay=200ms"));
        all.addAll(List.of(properties));
        return start(ClientApp.class, all.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext server) {
        return server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
    }

    private static BjsonRpcClient calc(ConfigurableApplicationContext client) {
        return client.getBean("calcBjsonRpcClient", BjsonRpcClient.class);
    }

    @Test
    void applicationsCallEachOtherWithOneServiceInstancePerConnection() {
        int port = port(server());
        ConfigurableApplicationContext first = client(port);
        ConfigurableApplicationContext second = client(port);
        CalculatorApi calculator = first.getBean(Billing.class).calculator;

        assertThat(calculator.add2(3, 4)).isEqualTo(7);
        assertThat(calculator.count()).isEqualTo(1);
        assertThat(calculator.count()).isEqualTo(2);
        assertThat(second.getBean(Billing.class).calculator.count()).isEqualTo(1);
        // the server's service calls the client's service back on the same connection
        assertThat(calculator.whoCalls()).isEqualTo("called by spring-client");
        assertThat(calc(second).call("whoCalls")).isEqualTo("called by spring-client");
    }

    @Test
    void aClientReachesItsOwnApplicationsServerOnAFreePort() {
        ConfigurableApplicationContext app = start(SelfCallingApp.class, "bjsonrpc.server.port=0",
            "bjsonrpc.clients.self.port=${local.bjsonrpc.server.port}", "bjsonrpc.clients.self.connect-on-startup=true");
        BjsonRpcClient self = app.getBean(NeedsSelf.class).self;

        assertThat(self.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);
        assertThat(self.port()).isEqualTo(port(app));
        assertThat(self.call("add2", 2, 2)).isEqualTo(4);
    }

    @Test
    void aClientOnlyApplicationRunsNoServerOfItsOwn() {
        int port = port(server());
        // no bjsonrpc.server.enabled: the application has no service for the server, so it binds nothing
        ConfigurableApplicationContext client = start(ClientApp.class, "bjsonrpc.server.port=0",
            "bjsonrpc.clients.calc.port=" + port);

        assertThat(client.getBeanProvider(BjsonRpcServerLifecycle.class).getIfAvailable()).isNull();
        assertThat(client.getEnvironment().getProperty(BjsonRpcServerPortInfoListener.PROPERTY)).isNull();
        // its calls reach the real server, which publishes add2
        assertThat(client.getBean(Billing.class).calculator.add2(2, 3)).isEqualTo(5);
    }

    @Test
    void aServerApplicationKeepsTheJvmAliveWhileItServes() {
        Set<Thread> before = keepAliveThreads();
        ConfigurableApplicationContext server = server();
        Set<Thread> started = keepAliveThreads();
        started.removeAll(before);
        // nothing but the bjsonrpc server runs here (no web server): one non-daemon thread keeps the JVM alive
        assertThat(started).singleElement().satisfies(thread -> {
            assertThat(thread.isDaemon()).isFalse();
            assertThat(thread.isAlive()).isTrue();
        });

        server.close();
        Thread keepAlive = started.iterator().next();
        await().atMost(Duration.ofSeconds(10)).until(() -> !keepAlive.isAlive());
    }

    @Test
    void aClientOnlyApplicationDoesNotKeepTheJvmAlive() {
        int port = port(server());
        Set<Thread> before = keepAliveThreads();
        client(port);
        assertThat(keepAliveThreads()).isEqualTo(before);
    }

    private static Set<Thread> keepAliveThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(BjsonRpcServerLifecycle.KEEP_ALIVE_THREAD) && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    @Test
    void aClientReconnectsAfterTheServerRestarts() {
        ConfigurableApplicationContext server = server();
        int port = port(server);
        ConfigurableApplicationContext client = client(port, "bjsonrpc.clients.calc.connect-on-startup=true");
        Events events = client.getBean(Events.class);
        BjsonRpcClient calc = calc(client);
        assertThat(calc.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);
        assertThat(calc.call("count")).isEqualTo(1);

        server.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.count(BjsonRpcConnectionClosedEvent.class) == 1);

        // the same port again; another process may hold it for a while
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> server("bjsonrpc.server.port=" + port), Objects::nonNull);
        await().atMost(Duration.ofSeconds(10)).until(() -> calc.state() == BjsonRpcClient.State.CONNECTED);
        // a new connection, so a new service instance on the server
        assertThat(calc.call("count")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.count(BjsonRpcConnectionOpenedEvent.class) == 2);
        assertThat(events.seen).allMatch(e -> "calc".equals(e.clientName()));
    }

    @Test
    void stoppingTheServerLetsAnInFlightCallFinish() throws Exception {
        ConfigurableApplicationContext server = server("bjsonrpc.server.shutdown-grace-period=30s");
        SlowCalls slowCalls = server.getBean(SlowCalls.class);
        BjsonRpcServer running = server.getBean(BjsonRpcServerLifecycle.class).server();
        BjsonRpcClient calc = calc(client(port(server)));
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> calc.call("slow"));
        assertThat(slowCalls.started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        // the server stops accepting, and waits for the call in flight
        await().atMost(Duration.ofSeconds(10)).until(() -> !running.isRunning());
        assertThat(closing).isNotDone();
        assertThat(slow).isNotDone();

        slowCalls.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(closing).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void tlsWithClientCertificatesThroughSslBundles(@TempDir Path dir) throws Exception {
        Keytool.run(dir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12");
        Keytool.run(dir, "-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=billing-client", "-keystore", "client.p12");
        Keytool.run(dir, "-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        Keytool.run(dir, "-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.crt");
        Keytool.run(dir, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
            "trust.p12");
        Keytool.run(dir, "-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore",
            "trust.p12");
        String trust = "file:" + dir.resolve("trust.p12");

        ConfigurableApplicationContext server = server("bjsonrpc.server.ssl.bundle=server",
            "bjsonrpc.server.ssl.client-auth=need",
            "spring.ssl.bundle.jks.server.keystore.location=file:" + dir.resolve("server.p12"),
            "spring.ssl.bundle.jks.server.keystore.password=secret1",
            "spring.ssl.bundle.jks.server.truststore.location=" + trust,
            "spring.ssl.bundle.jks.server.truststore.password=secret1");
        int port = port(server);
        ConfigurableApplicationContext client = client(port, "bjsonrpc.clients.calc.ssl.bundle=billing",
            "spring.ssl.bundle.jks.billing.keystore.location=file:" + dir.resolve("client.p12"),
            "spring.ssl.bundle.jks.billing.keystore.password=secret1",
            "spring.ssl.bundle.jks.billing.truststore.location=" + trust,
            "spring.ssl.bundle.jks.billing.truststore.password=secret1");

        CalculatorApi calculator = client.getBean(Billing.class).calculator;
        assertThat(calculator.add2(20, 22)).isEqualTo(42);
        assertThat(calculator.whoCalls()).isEqualTo("called by spring-client");
        // the server's service sees the client's certificate
        assertThat(calculator.whoAmI()).isEqualTo("CN=billing-client");

        // a plain-TCP peer gets nowhere
        try (Connection plain = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE,
                ConnectionOptions.builder().callTimeout(Duration.ofSeconds(2)).build())) {
            assertThatThrownBy(() -> plain.call("add2", 1, 2)).isInstanceOf(BjsonRpcException.class);
        }
        // nor does a TLS client without a certificate
        ConfigurableApplicationContext anonymous = client(port, "bjsonrpc.clients.calc.ssl.bundle=trusting",
            "bjsonrpc.clients.calc.reconnect.enabled=false",
            "spring.ssl.bundle.jks.trusting.truststore.location=" + trust,
            "spring.ssl.bundle.jks.trusting.truststore.password=secret1");
        assertThatThrownBy(() -> calc(anonymous).call(Duration.ofSeconds(2), Object.class, "add2", 1, 2))
            .isInstanceOf(BjsonRpcException.class);
    }

    @Test
    void aClientBeanIsInjectedByItsName() {
        ConfigurableApplicationContext client = client(port(server()));
        NeedsCalc bean = client.getAutowireCapableBeanFactory().createBean(NeedsCalc.class);
        assertThat(bean.client.call("add2", 1, 1)).isEqualTo(2);
    }

    /** Gets the client by qualifier, as application code does. */
    static class NeedsCalc {
        final BjsonRpcClient client;

        NeedsCalc(@Qualifier("calc") BjsonRpcClient client) {
            this.client = client;
        }
    }
}

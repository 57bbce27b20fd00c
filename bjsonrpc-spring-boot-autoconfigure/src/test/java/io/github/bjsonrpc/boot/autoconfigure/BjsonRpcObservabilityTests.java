package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.actuate.endpoint.BjsonRpcEndpoint;
import io.github.bjsonrpc.boot.actuate.metrics.BjsonRpcMetrics;
import io.github.bjsonrpc.boot.autoconfigure.endpoint.BjsonRpcEndpointAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.health.BjsonRpcHealthAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.metrics.BjsonRpcMetricsAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.observation.BjsonRpcObservationAutoConfiguration;
import io.github.bjsonrpc.boot.observation.BjsonRpcServerObservationConvention;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.support.RawPeer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

/** Meters, observations, health and the endpoint after real calls on loopback, and how each one backs off. */
class BjsonRpcObservabilityTests {

    @BjsonRpcService
    public static class Adder {
        public int add2(int a, int b) {
            return a + b;
        }

        public void boom() {
            throw new IllegalStateException("boom");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class,
            ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, BjsonRpcObservationAutoConfiguration.class,
            BjsonRpcMetricsAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            BjsonRpcHealthAutoConfiguration.class, EndpointAutoConfiguration.class,
            BjsonRpcEndpointAutoConfiguration.class))
        .withUserConfiguration(Adder.class)
        .withPropertyValues("bjsonrpc.server.port=0", "management.endpoints.access.default=UNRESTRICTED",
            "management.endpoints.web.exposure.include=*");

    private static int port(org.springframework.context.ApplicationContext context) {
        return context.getBean(BjsonRpcServerLifecycle.class).server().port();
    }

    @Test
    void callsAreTimedWithLowCardinalityTagsAndKnownMethodsExistFromZero() {
        runner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer known = meters.find("bjsonrpc.handled").tag("rpc.method", "add2").tag("outcome", "success").timer();
            assertThat(known).isNotNull();
            assertThat(known.count()).isZero();

            try (Connection client = BjsonRpc.connect("127.0.0.1", port(context), HandlerFactory.NONE)) {
                assertThat(client.call("add2", 1, 2)).isEqualTo(3);
                assertThatThrownBy(() -> client.call("boom")).isInstanceOf(RemoteError.class);
                assertThatThrownBy(() -> client.call("nosuch" + System.nanoTime())).isInstanceOf(RemoteError.class);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> known.count() == 1);
            assertThat(meters.find("bjsonrpc.handled").tags("rpc.method", "boom", "outcome", "handler_exception",
                "rpc.type", "call", "connection.role", "accepted", "client.name", "none").timer().count()).isOne();
            assertThat(meters.find("bjsonrpc.handled").tags("rpc.method", "<unknown>", "outcome", "unknown_method")
                .timer().count()).isOne();
            assertThat(meters.find("bjsonrpc.handled").timers()).allSatisfy(t -> assertThat(t.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("127.0.0.1")));
        });
    }

    @Test
    void connectionAndTrafficMetersFollowRealConnections() {
        runner.withPropertyValues("bjsonrpc.clients.self.port=1").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            int port = port(context);
            try (RawPeer peer = RawPeer.connect(port)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> gauge(meters, "bjsonrpc.connections", "accepted") == 1);
                peer.send("not json");
                peer.send("{\"method\":\"add2\",\"params\":[2,2],\"id\":1}");
                assertThat(peer.readLine()).contains("\"result\":4");
                assertThat(meters.get("bjsonrpc.frames.rejected").tag("reason", "malformed").counter().count())
                    .isOne();
                assertThat(meters.get("bjsonrpc.bytes.received").counter().count()).isGreaterThan(40);
                assertThat(meters.get("bjsonrpc.bytes.sent").counter().count()).isGreaterThan(30);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> gauge(meters, "bjsonrpc.connections", "accepted") == 0);
            assertThat(meters.get("bjsonrpc.connections.opened").tag("connection.role", "accepted").counter().count())
                .isOne();
            assertThat(meters.get("bjsonrpc.connections.closed").tag("connection.role", "accepted").counter().count())
                .isOne();
            assertThat(meters.get("bjsonrpc.requests.pending").gauge().value()).isZero();
        });
    }

    private static double gauge(MeterRegistry meters, String name, String role) {
        return meters.get(name).tag("connection.role", role).gauge().value();
    }

    @Test
    void healthShowsTheServerAndEachClient() {
        runner.withPropertyValues("bjsonrpc.clients.optional.port=1", "bjsonrpc.clients.vital.port=1",
                "bjsonrpc.clients.vital.required=true")
            .run(context -> {
                CompositeHealthContributor bjsonrpc = context.getBean("bjsonrpcHealthContributor",
                    CompositeHealthContributor.class);
                assertThat(((HealthIndicator) bjsonrpc.getContributor("server")).health().getStatus())
                    .isEqualTo(Status.UP);
                CompositeHealthContributor clients = (CompositeHealthContributor) bjsonrpc.getContributor("clients");
                assertThat(((HealthIndicator) clients.getContributor("optional")).health().getStatus())
                    .isEqualTo(Status.UP);
                assertThat(((HealthIndicator) clients.getContributor("vital")).health().getStatus())
                    .isEqualTo(Status.DOWN);
                assertThat(((HealthIndicator) clients.getContributor("vital")).health().getDetails())
                    .containsEntry("state", "DISCONNECTED").containsEntry("peer", "127.0.0.1:1");
                context.getBean(BjsonRpcServerLifecycle.class).stop();
                assertThat(((HealthIndicator) bjsonrpc.getContributor("server")).health().getStatus())
                    .isEqualTo(Status.DOWN);
            });
    }

    @Test
    void theEndpointListsServicesAndConnectionsAndClosesOne() {
        runner.run(context -> {
            BjsonRpcEndpoint endpoint = context.getBean(BjsonRpcEndpoint.class);
            assertThat(endpoint.report().server().services()).containsValue(java.util.List.of("add2", "boom"));
            try (Connection client = BjsonRpc.connect("127.0.0.1", port(context), HandlerFactory.NONE)) {
                client.call("add2", 1, 1);
                BjsonRpcEndpoint.ConnectionReport report = endpoint.report().connections().get(0);
                assertThat(report.role()).isEqualTo("accepted");
                assertThat(report.handlers()).containsExactly(Adder.class.getName());
                assertThat(report.bytesIn()).isPositive();
                Map<String, Object> closed = endpoint.close(report.id());
                assertThat(closed).containsEntry("closed", true);
                assertThat(client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
                assertThat(endpoint.close(report.id())).containsEntry("closed", false);
            }
        });
    }

    @Test
    void eachConcernBacksOffWithoutItsLibraryOrByProperty() {
        runner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class)).run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerObservationConvention.class));
        runner.withPropertyValues("bjsonrpc.observation.enabled=false").run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerObservationConvention.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcMetrics.class));
        runner.withPropertyValues("bjsonrpc.metrics.enabled=false").run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcMetrics.class)
                .hasSingleBean(BjsonRpcServerObservationConvention.class));
        runner.withClassLoader(new FilteredClassLoader(HealthContributor.class)).run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean("bjsonrpcHealthContributor"));
        runner.withPropertyValues("management.health.bjsonrpc.enabled=false").run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean("bjsonrpcHealthContributor"));
        runner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class)).run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=health").run(context ->
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcEndpoint.class));
    }
}

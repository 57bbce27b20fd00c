package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.autoconfigure.observation.BjsonRpcObservationAutoConfiguration;
import io.github.bjsonrpc.boot.observation.BjsonRpcClientObservationContext;
import io.github.bjsonrpc.boot.observation.BjsonRpcServerObservationContext;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;

/**
 * The meters of calls are the same whether calls go through the Observation API or straight to the meter registry:
 * same names, tags, counts, the observation properties' keys and switches honoured; the direct path resolves them
 * once per method, and any other observation handler brings the full observations back.
 */
class BjsonRpcCallMetersTests {

    @BjsonRpcService
    public static class Adder {
        private final Connection connection;

        public Adder(Connection connection) {
            this.connection = connection;
        }

        public int add2(int a, int b) {
            return a + b;
        }

        public void boom() {
            throw new IllegalStateException("boom");
        }

        public int viaPeer() {
            return (Integer) connection.call("echo", 7);
        }
    }

    /** What the calling side publishes. */
    public static class Echo {
        public int echo(int value) {
            return value;
        }
    }

    /** Counts how often observations of handled calls are asked about. */
    @Configuration(proxyBeanMethods = false)
    static class CountingPredicate {
        static final AtomicInteger ASKED = new AtomicInteger();

        @Bean
        ObservationPredicate countingPredicate() {
            return (name, context) -> {
                if (context instanceof BjsonRpcServerObservationContext) {
                    ASKED.incrementAndGet();
                }
                return true;
            };
        }
    }

    /** A handler that is not a meter handler, as a tracing handler is not. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingHandler {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Bean
        ObservationHandler<Observation.Context> recordingHandler() {
            return new ObservationHandler<>() {
                @Override
                public void onStart(Observation.Context context) {
                    Observation.ContextView parent = context.getParentObservation() == null ? null
                        : context.getParentObservation().getContextView();
                    SEEN.add(context.getName() + (parent == null ? "" : " in " + parent.getName()));
                }

                @Override
                public boolean supportsContext(Observation.Context context) {
                    return context instanceof BjsonRpcServerObservationContext
                        || context instanceof BjsonRpcClientObservationContext;
                }
            };
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class,
            ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, BjsonRpcObservationAutoConfiguration.class))
        .withUserConfiguration(Adder.class)
        .withPropertyValues("bjsonrpc.server.port=0");

    @Test
    void directAndObservedCallsLeaveTheSameMeters() {
        Set<String> direct = meters(runner.withPropertyValues("management.observations.key-values.region=eu"));
        Set<String> observed = meters(runner.withPropertyValues("management.observations.key-values.region=eu",
            "bjsonrpc.observation.direct-metrics=false"));
        assertThat(direct).isEqualTo(observed)
            .contains("bjsonrpc.handled [client.name=none, connection.role=accepted, error=none, outcome=success, "
                + "region=eu, rpc.method=add2, rpc.system=bjsonrpc, rpc.type=call] 3")
            .contains("bjsonrpc.handled [client.name=none, connection.role=accepted, error=IllegalStateException, "
                + "outcome=handler_exception, region=eu, rpc.method=boom, rpc.system=bjsonrpc, rpc.type=call] 1")
            .contains("bjsonrpc.handled.active [client.name=none, connection.role=accepted, outcome=unknown, "
                + "rpc.method=add2, rpc.system=bjsonrpc, rpc.type=call] 0")
            .anyMatch(meter -> meter.startsWith("bjsonrpc.issued [client.name=none, connection.role=accepted, "
                + "error=none, outcome=success, region=eu, rpc.method=echo"));
    }

    @Test
    void observationSwitchesApplyToTheDirectPath() {
        runner.withPropertyValues("management.observations.enable.bjsonrpc.handled=false",
                "management.metrics.observations.ignored-meters=long-task-timer")
            .run(context -> {
                exercise(context);
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                await().atMost(Duration.ofSeconds(5)).until(() -> !meters.find("bjsonrpc.issued").timers().isEmpty());
                assertThat(meters.find("bjsonrpc.handled").meters()).isEmpty();
                assertThat(meters.getMeters()).noneMatch(meter -> meter instanceof LongTaskTimer);
            });
    }

    @Test
    void theDirectPathAsksAboutEachMethodOnceAndTheObservedPathAboutEachCall() {
        assertThat(asked(runner.withUserConfiguration(CountingPredicate.class))).isEqualTo(3);
        assertThat(asked(runner.withUserConfiguration(CountingPredicate.class)
            .withPropertyValues("bjsonrpc.observation.direct-metrics=false"))).isEqualTo(3 + 1 + 1);
    }

    @Test
    void anyOtherObservationHandlerGetsFullObservationsNestedInTheHandledCall() {
        RecordingHandler.SEEN.clear();
        runner.withUserConfiguration(RecordingHandler.class).run(context -> {
            exercise(context);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(RecordingHandler.SEEN)
                .filteredOn("bjsonrpc.handled"::equals).hasSize(5));
            assertThat(RecordingHandler.SEEN).contains("bjsonrpc.issued in bjsonrpc.handled");
            assertThat(context.getBean(MeterRegistry.class).get("bjsonrpc.handled").tag("rpc.method", "add2")
                .tag("outcome", "success").timer().count()).isEqualTo(3);
        });
    }

    /** How often the predicate was asked about handled calls while {@link #exercise} ran. */
    private static int asked(ApplicationContextRunner runner) {
        int[] asked = new int[1];
        runner.run(context -> {
            int atStart = CountingPredicate.ASKED.get();
            exercise(context);
            asked[0] = CountingPredicate.ASKED.get() - atStart;
        });
        return asked[0];
    }

    private static Set<String> meters(ApplicationContextRunner runner) {
        Set<String> meters = new TreeSet<>();
        runner.run(context -> {
            exercise(context);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("bjsonrpc.issued").timers().stream()
                .mapToLong(Timer::count).sum() == 1);
            for (Meter meter : registry.getMeters()) {
                if (meter.getId().getName().startsWith("bjsonrpc.")) {
                    meters.add(describe(meter));
                }
            }
        });
        return meters;
    }

    private static String describe(Meter meter) {
        String tags = meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
            .collect(Collectors.joining(", ", "[", "]"));
        long count = meter instanceof Timer timer ? timer.count()
            : meter instanceof LongTaskTimer active ? active.activeTasks() : -1;
        return meter.getId().getName() + " " + tags + " " + count;
    }

    /** add2 three times, boom once, and viaPeer once, which calls the caller back. */
    private static void exercise(AssertableApplicationContext context) {
        int port = context.getBean(BjsonRpcServerLifecycle.class).server().port();
        try (Connection client = BjsonRpc.connect("127.0.0.1", port, connection -> new Echo())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.call("add2", i, 1)).isEqualTo(i + 1);
            }
            assertThatThrownBy(() -> client.call("boom"))
                .isInstanceOf(RemoteError.class);
            assertThat(client.call("viaPeer")).isEqualTo(7);
        }
    }
}

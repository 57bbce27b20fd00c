package io.github.bjsonrpc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.benchmarks.contract.InlineMode;

/**
 * A seconds-long run of the whole load benchmark: the floor, the core server, the Spring Boot application as
 * shipped (with Micrometer timing its calls) and both gRPC-java anchors answer in every mode, both clients answer,
 * and the goals' ratios are computed.
 */
class LoadSmokeTest {

    @Test
    void everyServerAndModeProducesFigures() throws Exception {
        Report report = Main.load(Main.LoadOptions.parse(List.of("--quick")));

        assertThat(report.servers().keySet()).containsAll(List.of(ServerKind.FLOOR, ServerKind.OURS,
            ServerKind.SPRING, ServerKind.GRPC_DIRECT, ServerKind.GRPC_DEFAULT));
        for (Main.ServerFigures figures : report.servers().values()) {
            assertThat(figures.echo().keySet()).as(figures.kind().id()).containsExactly(EchoMode.values());
            for (LoadGenerator.Result result : figures.echo().values()) {
                String what = figures.kind() + " " + result.mode();
                assertThat(result.calls()).as(what).isPositive();
                assertThat(result.callsPerSecond()).as(what).isPositive();
                assertThat(result.p50Micros()).as(what).isPositive();
                assertThat(result.serverCpuMicrosPerCall()).as(what).isNotNegative();
            }
            if (figures.kind().speaksLines()) {
                assertThat(figures.notifications().callsPerSecond()).as(figures.kind().id()).isPositive();
            } else {
                assertThat(figures.notifications()).as(figures.kind().id()).isNull();
            }
        }
        // what was measured of the Spring Boot application was observed: Micrometer timed every measured call
        Main.ServerFigures spring = report.of(ServerKind.SPRING);
        long measured = spring.echo().values().stream().mapToLong(LoadGenerator.Result::calls).sum();
        assertThat(spring.observedCalls()).isGreaterThanOrEqualTo(measured);
        assertThat(report.of(ServerKind.FLOOR).idleHeapBytes()).isPositive();
        assertThat(report.of(ServerKind.OURS).idleHeapBytes()).isPositive();
        for (ClientBench.Result client : report.clients().medians()) {
            assertThat(client.callsPerSecond()).as(client.name()).isPositive();
        }
        for (Report.Goal goal : report.goals()) {
            if (goal.figure().contains("inline") && !InlineMode.available()) {
                assertThat(goal.ratio()).as(goal.figure()).isNaN();
            } else {
                assertThat(goal.ratio()).as(goal.figure()).isPositive().isFinite();
            }
        }
    }
}

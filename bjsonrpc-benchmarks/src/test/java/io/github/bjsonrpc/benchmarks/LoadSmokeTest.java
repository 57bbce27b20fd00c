package io.github.bjsonrpc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A seconds-long run of the whole load benchmark: both servers and both clients answer, every figure exists. */
class LoadSmokeTest {

    @Test
    void everyModeProducesFigures() throws Exception {
        Report report = Main.load(Main.LoadOptions.parse(List.of("--quick")));

        for (Main.ServerFigures figures : List.of(report.floor(), report.ours())) {
            for (LoadGenerator.Result result : List.of(figures.sync1(), figures.syncN(), figures.pipelined(),
                    figures.notifications())) {
                assertThat(result.calls()).as(result.mode()).isPositive();
                assertThat(result.callsPerSecond()).as(result.mode()).isPositive();
            }
            assertThat(figures.sync1().p50Micros()).isPositive();
            assertThat(figures.idleHeapBytes()).isPositive();
        }
        for (ClientBench.Result client : report.clients()) {
            assertThat(client.callsPerSecond()).as(client.name()).isPositive();
        }
        assertThat(report.throughputRatio()).isPositive().isFinite();
    }
}

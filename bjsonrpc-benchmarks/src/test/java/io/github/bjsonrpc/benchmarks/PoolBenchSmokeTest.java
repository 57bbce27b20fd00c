package io.github.bjsonrpc.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A seconds-long run of the pooled-client figure: over one, two and three server processes, both modes answer. */
class PoolBenchSmokeTest {

    @Test
    void everyPoolSizeAndModeProducesAFigure() throws Exception {
        List<PoolBench.Result> results = PoolBench.run(Duration.ofMillis(200), Duration.ofMillis(300), 1);

        assertThat(results).extracting(PoolBench.Result::instances).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(results).extracting(PoolBench.Result::mode).containsExactly("sync", "async", "sync", "async",
            "sync", "async");
        assertThat(results).allSatisfy(result -> assertThat(result.callsPerSecond()).as(result.toString())
            .isPositive());
    }
}

package io.github.bjsonrpc.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Two test classes of one application, with different configurations (so two application contexts, both kept
 * open by Spring's context cache) and the application's server port (the default, 10123), run in parallel: each
 * gets a server of its own on a free port, and each one's client calls its own server.
 */
class ParallelTestClassesTest {

    /** Each test class's server port and what its client's call answered, by class. */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Test
    void testClassesOfOneApplicationRunInParallel() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(First.class), selectClass(Second.class))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
            .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
            .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("failures").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SEEN).containsOnlyKeys("first", "second");
        String first = SEEN.get("first");
        String second = SEEN.get("second");
        assertThat(first).isNotEqualTo(second);
    }

    /** One test class: its own context (a property of its own), the configured port of the application. */
    @SpringBootTest(classes = SampleApp.class, properties = "which=first")
    @AutoConfigureTestBjsonRpcTransport
    static class First extends Recording {
    }

    /** Another, with another context. */
    @SpringBootTest(classes = SampleApp.class, properties = "which=second")
    @AutoConfigureTestBjsonRpcTransport
    static class Second extends Recording {
    }

    /** Calls the application's own server through its typed client, and records the port. */
    abstract static class Recording {

        @Value("${which}")
        String which;

        @LocalBjsonRpcServerPort
        int port;

        @Autowired
        SampleApp.CalculatorApi calculator;

        @Test
        void callsItsOwnServer() {
            assertThat(calculator.add2(port, 1)).isEqualTo(port + 1);
            SEEN.put(which, String.valueOf(port));
        }
    }
}

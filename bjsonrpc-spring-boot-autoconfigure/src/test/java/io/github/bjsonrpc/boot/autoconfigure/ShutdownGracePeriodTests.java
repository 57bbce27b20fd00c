package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * The server's shutdown grace period ends within Spring's timeout per shutdown phase: a longer one is shortened,
 * with a warning, so that Spring does not destroy beans while calls still run.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownGracePeriodTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(BjsonRpcAutoConfigurationTests.Greeter.class)
        .withPropertyValues("bjsonrpc.server.port=0");

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    /** The test logging configuration keeps the library's warnings quiet: let this one through. */
    @BeforeEach
    void logWarnings() {
        logging.setLogLevel(ShutdownGracePeriod.class.getName(), LogLevel.WARN);
    }

    @AfterEach
    void restoreLogging() {
        logging.setLogLevel(ShutdownGracePeriod.class.getName(), null);
    }

    private static Duration grace(org.springframework.context.ApplicationContext context) {
        return context.getBean(BjsonRpcServerLifecycle.class).shutdownGracePeriod();
    }

    @Test
    void aGracePeriodWithinThePhaseTimeoutIsKept(CapturedOutput output) {
        runner.run(context -> assertThat(grace(context)).isEqualTo(Duration.ofSeconds(20)));
        runner.withPropertyValues("bjsonrpc.server.shutdown-grace-period=50s",
                "spring.lifecycle.timeout-per-shutdown-phase=1m")
            .run(context -> assertThat(grace(context)).isEqualTo(Duration.ofSeconds(50)));
        assertThat(output).doesNotContain("does not fit");
    }

    @Test
    void aLongerGracePeriodIsShortenedWithAWarning(CapturedOutput output) {
        runner.withPropertyValues("bjsonrpc.server.shutdown-grace-period=40s")
            .run(context -> assertThat(grace(context)).isEqualTo(Duration.ofSeconds(29)));
        assertThat(output).contains("bjsonrpc.server.shutdown-grace-period (PT40S) does not fit in "
            + "spring.lifecycle.timeout-per-shutdown-phase (PT30S)").contains("using PT29S");

        runner.withPropertyValues("bjsonrpc.server.shutdown-grace-period=10s",
                "spring.lifecycle.timeout-per-shutdown-phase=5s")
            .run(context -> assertThat(grace(context)).isEqualTo(Duration.ofMillis(4500)));
    }
}

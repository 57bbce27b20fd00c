package io.github.bjsonrpc.boot.autoconfigure;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Fits {@code bjsonrpc.server.shutdown-grace-period} in {@code spring.lifecycle.timeout-per-shutdown-phase}: Spring
 * stops waiting for the server's shutdown after that timeout and goes on destroying beans, which in-flight calls may
 * still use; so a longer grace period is shortened to end before it, with a warning.
 */
final class ShutdownGracePeriod {

    static final String PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    private static final Logger log = LoggerFactory.getLogger(ShutdownGracePeriod.class);

    /** Boot's default of {@value #PHASE_TIMEOUT}. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /** What closing the connections after the grace period may take, at most. */
    private static final Duration CLOSING = Duration.ofSeconds(1);

    private ShutdownGracePeriod() {
    }

    static Duration within(Duration grace, Environment environment) {
        Duration phaseTimeout = Binder.get(environment).bind(PHASE_TIMEOUT, Duration.class)
            .orElse(DEFAULT_PHASE_TIMEOUT);
        Duration closing = phaseTimeout.dividedBy(10).compareTo(CLOSING) < 0 ? phaseTimeout.dividedBy(10) : CLOSING;
        Duration latest = phaseTimeout.minus(closing);
        if (grace.compareTo(latest) <= 0) {
            return grace;
        }
        log.warn("bjsonrpc.server.shutdown-grace-period ({}) does not fit in {} ({}): Spring would destroy beans "
            + "while calls still run; using {}. Raise {} to allow the longer grace period.", grace, PHASE_TIMEOUT,
            phaseTimeout, latest, PHASE_TIMEOUT);
        return latest;
    }
}

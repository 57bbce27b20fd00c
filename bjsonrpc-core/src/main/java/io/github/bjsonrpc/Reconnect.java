package io.github.bjsonrpc;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link BjsonRpcClient} tries again after its connection is lost or cannot be made: after
 * {@code initialDelay}, then each delay {@code multiplier} times the previous, at most {@code maxDelay}; a
 * successful connection starts over from {@code initialDelay}.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the first delay
 * @param maxDelay the longest delay
 * @param multiplier how much each delay grows, at least 1
 */
public record Reconnect(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier) {

    /**
     * Checks the values.
     *
     * @param enabled any
     * @param initialDelay positive
     * @param maxDelay at least {@code initialDelay}
     * @param multiplier at least 1
     */
    public Reconnect {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay "
                + initialDelay);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** Reconnect after 1 s, doubling up to 30 s. */
    public static Reconnect defaults() {
        return new Reconnect(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);
    }

    /** Never reconnect. */
    public static Reconnect never() {
        return new Reconnect(false, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0);
    }

    /**
     * @param previous the delay used last
     * @return the next delay
     */
    Duration next(Duration previous) {
        double millis = Math.min(previous.toMillis() * multiplier, maxDelay.toMillis());
        return Duration.ofMillis((long) millis);
    }
}

package io.github.bjsonrpc.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fails the requests of one connection that are past their deadlines. While any of its requests waits, they are
 * looked at every hundredth of the connection's call timeout (at least every {@value #MIN_PERIOD_MILLIS} ms, at
 * most every {@value #MAX_PERIOD_MILLIS} ms), on the shared {@link Deadlines} timer; no request waits, no sweep
 * comes. A request so costs its deadline nothing but a field, and fails at most one period and a timer tick after
 * that deadline.
 */
final class DeadlineSweep {

    static final long MIN_PERIOD_MILLIS = 10;
    static final long MAX_PERIOD_MILLIS = 100;

    private final Collection<Pending> waiting;
    private final long periodNanos;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final Runnable sweep = this::sweep;

    /**
     * @param waiting the connection's requests that wait, as they come and go
     * @param callTimeout the connection's call timeout
     */
    DeadlineSweep(Collection<Pending> waiting, Duration callTimeout) {
        this.waiting = waiting;
        this.periodNanos = Math.max(MIN_PERIOD_MILLIS * 1_000_000,
            Math.min(MAX_PERIOD_MILLIS * 1_000_000, callTimeout.toNanos() / 100));
    }

    /** A request was added to those that wait: a sweep comes, if none is on its way. */
    void added() {
        if (!armed.get() && armed.compareAndSet(false, true)) {
            Deadlines.after(sweep, periodNanos);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Pending request : waiting) {
            request.expireIfDue(now);
        }
        if (!waiting.isEmpty()) {
            Deadlines.after(sweep, periodNanos);
            return;
        }
        armed.set(false);
        // a request added since the look above may have found the sweep still armed
        if (!waiting.isEmpty()) {
            added();
        }
    }
}

package io.github.bjsonrpc.transport;

import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The timer of the JVM's connections (the {@link DeadlineSweep} of their requests, the bound on their replies'
 * {@linkplain Outbox#writeDeferred bursts}): one timer wheel ticking every 10 ms; setting a deadline costs a queue
 * insertion and never wakes an I/O thread. Deadline actions run on the timer's daemon thread
 * {@code bjsonrpc-deadlines} and must be quick.
 */
final class Deadlines {

    private Deadlines() {
    }

    private static final class Holder {
        static final Timer TIMER = new HashedWheelTimer(new DefaultThreadFactory("bjsonrpc-deadlines", true), 10,
            TimeUnit.MILLISECONDS);
    }

    /**
     * @param action what to do at the deadline
     * @param nanos how long from now
     * @return the deadline, to cancel
     */
    static Timeout after(Runnable action, long nanos) {
        return Holder.TIMER.newTimeout(timeout -> action.run(), nanos, TimeUnit.NANOSECONDS);
    }
}

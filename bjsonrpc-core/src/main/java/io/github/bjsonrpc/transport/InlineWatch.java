package io.github.bjsonrpc.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The inline call running on one event loop thread, as the {@link InlineWatchdog} sees it. The thread marks each
 * inline call's start and end ({@link #begin}, {@link #end}: a clock read, plain writes, one release store and one
 * compare-and-set); the watchdog {@linkplain #check checks} from its own thread whether the call has run too long,
 * and if so takes it over once: it reads the thread's stack and interrupts the thread. The thread clears that
 * interrupt when the call ends, so that it never outlives the call it was meant for.
 */
final class InlineWatch {

    /** {@link #state}: no call runs. */
    private static final long IDLE = 0;
    /** {@link #state}: the watchdog took the call over and is interrupting the thread. */
    private static final long CLAIMED = -1;
    /** {@link #state}: the watchdog interrupted the thread; the call still runs. */
    private static final long INTERRUPTED = -2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(InlineWatch.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    /** The number of the call running, or one of {@link #IDLE}, {@link #CLAIMED}, {@link #INTERRUPTED}. */
    @SuppressWarnings("unused") // through STATE
    private volatile long state;
    /** The owner thread's count of calls; the running call's number. */
    private long calls;
    private long startedAt;
    private long limitNanos;
    private String method;
    private TrafficCounters traffic;

    /** What the watchdog found: one call that ran too long. */
    record Overrun(Thread thread, String method, TrafficCounters traffic, long nanos, long limitNanos,
            StackTraceElement[] stack) {
    }

    InlineWatch(Thread thread) {
        this.thread = thread;
    }

    /** The owner thread's limit, for the watchdog's pace. */
    long limitNanos() {
        return limitNanos;
    }

    /**
     * On the owner thread: an inline call starts.
     *
     * @param name the method called
     * @param counters the connection's counters
     * @param limit how long it may run, in nanoseconds
     * @return whether it is watched; {@code false} for a call within a watched one, which is watched already
     */
    boolean begin(String name, TrafficCounters counters, long limit) {
        if ((long) STATE.getOpaque(this) != IDLE) {
            return false;
        }
        calls++;
        startedAt = System.nanoTime();
        limitNanos = limit;
        method = name;
        traffic = counters;
        STATE.setRelease(this, calls);
        return true;
    }

    /** On the owner thread: the call that {@link #begin} watched ended; an interrupt meant for it is cleared. */
    void end() {
        if (STATE.compareAndSet(this, calls, IDLE)) {
            method = null;
            traffic = null;
            return;
        }
        while ((long) STATE.getAcquire(this) == CLAIMED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        method = null;
        traffic = null;
        STATE.setRelease(this, IDLE);
    }

    /**
     * On the watchdog's thread: takes the running call over if it has run longer than its limit, reading its stack
     * and interrupting its thread. A call is taken over at most once.
     *
     * @param now a {@link System#nanoTime()} value
     * @return what ran too long, or {@code null}
     */
    Overrun check(long now) {
        long call = (long) STATE.getAcquire(this);
        if (call <= 0) {
            return null;
        }
        long started = startedAt;
        long limit = limitNanos;
        String name = method;
        TrafficCounters counters = traffic;
        // the plain reads above belong to this call only if the state is still the same afterwards
        VarHandle.acquireFence();
        if ((long) STATE.getAcquire(this) != call || now - started < limit) {
            return null;
        }
        if (!STATE.compareAndSet(this, call, CLAIMED)) {
            return null;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        thread.interrupt();
        STATE.setRelease(this, INTERRUPTED);
        return new Overrun(thread, name, counters, now - started, limit, stack);
    }
}

package io.github.bjsonrpc.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the {@linkplain io.github.bjsonrpc.Inline inline} calls of every event loop thread from a daemon thread of
 * its own, {@code bjsonrpc-inline-watchdog}, started with the first inline call. It looks a few times per time
 * limit; a call found running longer than its connection's {@code inlineTimeLimit} is reported once: a WARN naming
 * the method and the connection, with the stack of the event loop thread; the limit {@code inline-time} counted; and
 * the thread interrupted, so that a wait there fails instead of stalling the event loop's other connections. The
 * WARN comes once a minute per method, with its stack; the others of that minute go to DEBUG, and every overrun is
 * counted.
 */
final class InlineWatchdog {

    private static final Logger log = LoggerFactory.getLogger(InlineWatchdog.class);

    /** The fewest looks per time limit. */
    private static final int LOOKS_PER_LIMIT = 4;
    private static final long MIN_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long WARN_EVERY = TimeUnit.MINUTES.toNanos(1);
    /** Forgets the methods warned about when this many are remembered. */
    private static final int MAX_WARNED = 1024;

    private static final ThreadLocal<InlineWatch> WATCHES = ThreadLocal.withInitial(InlineWatchdog::register);
    private static final List<InlineWatch> ALL = new CopyOnWriteArrayList<>();

    private InlineWatchdog() {
    }

    private static final class Holder {
        static {
            Thread watchdog = new Thread(InlineWatchdog::watch, "bjsonrpc-inline-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }

        static void started() {
            // loading the holder starts the thread, once
        }
    }

    /**
     * The watch of the calling thread, an event loop thread: keep it, it stays the same.
     *
     * @return the calling thread's watch
     */
    static InlineWatch ofCurrentThread() {
        return WATCHES.get();
    }

    private static InlineWatch register() {
        InlineWatch watch = new InlineWatch(Thread.currentThread());
        ALL.add(watch);
        Holder.started();
        return watch;
    }

    private static void watch() {
        Map<String, Long> lastWarned = new HashMap<>();
        while (true) {
            long pause = MAX_PAUSE;
            for (InlineWatch watch : ALL) {
                long limit = watch.limitNanos();
                if (limit > 0) {
                    pause = Math.min(pause, Math.max(MIN_PAUSE, limit / LOOKS_PER_LIMIT));
                }
            }
            LockSupport.parkNanos(pause);
            long now = System.nanoTime();
            for (InlineWatch watch : ALL) {
                try {
                    InlineWatch.Overrun overrun = watch.check(now);
                    if (overrun != null) {
                        report(overrun, lastWarned);
                    }
                } catch (RuntimeException | Error e) {
                    log.warn("The inline watchdog failed to report", e);
                }
            }
        }
    }

    private static void report(InlineWatch.Overrun overrun, Map<String, Long> lastWarned) {
        overrun.traffic().limitReached("inline-time");
        Throwable stack = new Throwable("Stack of '" + overrun.method() + "' on " + overrun.thread().getName());
        stack.setStackTrace(overrun.stack());
        long now = System.nanoTime();
        Long last = lastWarned.get(overrun.method());
        boolean warn = last == null || now - last >= WARN_EVERY;
        if (warn) {
            if (lastWarned.size() >= MAX_WARNED) {
                lastWarned.clear();
            }
            lastWarned.put(overrun.method(), now);
        } else if (!log.isDebugEnabled()) {
            return;
        }
        String message = "Inline method '{}' of connection {} has run for {} ms on event loop thread {}, over its "
            + "inlineTimeLimit of {} ms: the other connections of that event loop wait for it. The thread is "
            + "interrupted, so that a wait there fails; a method that blocks must not be @Inline. Its stack:";
        Object[] arguments = {overrun.method(), overrun.traffic().connection().id(),
            TimeUnit.NANOSECONDS.toMillis(overrun.nanos()), overrun.thread().getName(),
            TimeUnit.NANOSECONDS.toMillis(overrun.limitNanos()), stack};
        if (warn) {
            log.warn(message, arguments);
        } else {
            log.debug(message, arguments);
        }
    }
}

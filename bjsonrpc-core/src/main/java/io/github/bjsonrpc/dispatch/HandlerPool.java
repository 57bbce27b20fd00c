package io.github.bjsonrpc.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.ConnectionOptions;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The library's shared pool for handler code, used by connections whose options name no executor: it keeps as few
 * threads as the load needs, adds one whenever every thread is busy (handlers may block) up to
 * {@value #MAX_THREADS}, then queues; idle threads above {@link #CORE_THREADS} stop after a minute. Daemon threads
 * named {@code bjsonrpc-handler-N}.
 *
 * <p>A thread of this pool that waits for its peer (a call, a pipe element, a request's future) does not count
 * against {@value #MAX_THREADS}: while it waits the pool may run one more thread, for up to
 * {@value #MAX_WAITING_THREADS} waiting threads at once. So the call-backs that waiting handlers need are never
 * starved by the waiting handlers themselves. A wait beyond that bound holds its thread like any other blocking
 * handler; such waits are counted ({@link #waitsOverBound()}) and logged.
 */
public final class HandlerPool {

    /** The most threads the shared pool runs, not counting threads waiting for their peers. */
    public static final int MAX_THREADS = 256;

    /** The most threads waiting for their peers that the pool runs on top of {@link #MAX_THREADS}. */
    public static final int MAX_WAITING_THREADS = 4096;

    /** The threads the pool keeps when idle. */
    public static final int CORE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Logger log = LoggerFactory.getLogger(HandlerPool.class);

    /** Set on the pool's own threads. */
    private static final ThreadLocal<Boolean> MEMBER = new ThreadLocal<>();

    private HandlerPool() {
    }

    private static final class Holder {
        static final Pool SHARED = new Pool();
    }

    /** The shared pool, created on first use. */
    public static ExecutorService shared() {
        return Holder.SHARED.executor;
    }

    /**
     * @param options a connection's options
     * @return the executor they name, or the shared pool
     */
    public static Executor executorFor(ConnectionOptions options) {
        return options.executor() != null ? options.executor() : shared();
    }

    /** How many threads of the shared pool are waiting for their peers now, each letting another thread run. */
    public static int waitingThreads() {
        return Holder.SHARED.waiting.get();
    }

    /** How many waits found {@link #MAX_WAITING_THREADS} threads already waiting and held their thread instead. */
    public static long waitsOverBound() {
        return Holder.SHARED.overBound.get();
    }

    /**
     * The calling thread starts waiting for its peer: if it is one of the shared pool's, the pool may run one more
     * thread meanwhile. Pair a {@code true} result with {@link #endWait()}.
     *
     * @return whether the wait was counted
     */
    static boolean beginWait() {
        return MEMBER.get() != null && Holder.SHARED.beginWait();
    }

    /** A wait counted by {@link #beginWait()} is over. */
    static void endWait() {
        Holder.SHARED.endWait();
    }

    /** The pool, its count of threads and its count of waiting threads. */
    private static final class Pool {
        final AtomicInteger waiting = new AtomicInteger();
        final AtomicInteger threads = new AtomicInteger();
        final GrowFirstQueue queue = new GrowFirstQueue(threads, waiting);
        final ThreadPoolExecutor executor;
        final AtomicLong overBound = new AtomicLong();
        final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));

        Pool() {
            // a thread that could not be added after all (the pool filled up meanwhile): queue the task instead
            RejectedExecutionHandler queueInstead = (task, pool) -> {
                if (pool.isShutdown() || !queue.force(task)) {
                    throw new RejectedExecutionException("The bjsonrpc handler pool is shut down");
                }
            };
            ThreadFactory netty = new DefaultThreadFactory("bjsonrpc-handler", true);
            // counted from its making to its end, without the executor's lock that getPoolSize() takes
            ThreadFactory members = work -> {
                Thread thread = netty.newThread(() -> {
                    MEMBER.set(Boolean.TRUE);
                    try {
                        work.run();
                    } finally {
                        threads.decrementAndGet();
                    }
                });
                threads.incrementAndGet();
                return thread;
            };
            // the queue decides when to grow; the executor's own bound is the hard one, waiting threads included
            executor = new ThreadPoolExecutor(CORE_THREADS, MAX_THREADS + MAX_WAITING_THREADS, 60, TimeUnit.SECONDS,
                queue, members, queueInstead) {
                @Override
                public void execute(Runnable task) {
                    queue.submitted.incrementAndGet();
                    try {
                        super.execute(task);
                    } catch (RuntimeException e) {
                        queue.submitted.decrementAndGet();
                        throw e;
                    }
                }

                @Override
                protected void afterExecute(Runnable task, Throwable failure) {
                    queue.submitted.decrementAndGet();
                }
            };
        }

        boolean beginWait() {
            if (waiting.incrementAndGet() > MAX_WAITING_THREADS) {
                waiting.decrementAndGet();
                overBound.incrementAndGet();
                warnOverBound();
                return false;
            }
            if (!queue.isEmpty()) {
                // work waits for a thread: start one now rather than at the next submission
                executor.execute(() -> { });
            }
            return true;
        }

        void endWait() {
            waiting.decrementAndGet();
        }

        private void warnOverBound() {
            long now = System.nanoTime();
            long last = lastWarned.get();
            if (now - last >= TimeUnit.MINUTES.toNanos(1) && lastWarned.compareAndSet(last, now)) {
                log.warn("{} handler threads are already waiting for their peers (the bound): further waits hold "
                    + "their threads, and call-backs may wait for a free one; use an executor of virtual threads "
                    + "(ConnectionOptions.executor) for more", MAX_WAITING_THREADS);
            }
        }
    }

    /**
     * Queues a task only when a thread is free to take it or {@value #MAX_THREADS} threads not waiting for their
     * peers are busy; otherwise refuses it, which makes the pool start a thread (a plain queue would let tasks wait
     * behind blocked handlers while threads could still be added). It decides from counters, taking no lock: a
     * submission costs no more than the queue's own insertion and wake-up. The pool's threads are counted from
     * their making (a thread made but never started, which happens only once the pool is shut down, stays counted).
     */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        final transient AtomicInteger submitted = new AtomicInteger();
        final transient AtomicInteger threads;
        final transient AtomicInteger waiting;

        GrowFirstQueue(AtomicInteger threads, AtomicInteger waiting) {
            this.threads = threads;
            this.waiting = waiting;
        }

        boolean force(Runnable task) {
            return super.offer(task);
        }

        @Override
        public boolean offer(Runnable task) {
            int made = threads.get();
            if (submitted.get() > made && made - waiting.get() < MAX_THREADS) {
                return false;
            }
            return super.offer(task);
        }
    }
}

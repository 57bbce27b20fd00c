package io.github.bjsonrpc.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The library's shared pool for handler code, used by connections whose options name no executor: it keeps as few
 * threads as the load needs, adds one whenever every thread is busy (handlers may block on their peers) up to
 * {@value #MAX_THREADS}, then queues; idle threads above {@link #CORE_THREADS} stop after a minute. Daemon
 * threads named {@code bjsonrpc-handler-N}.
 */
public final class HandlerExecutor {

    /** The most threads the shared pool runs. */
    public static final int MAX_THREADS = 256;

    /** The threads the pool keeps when idle. */
    public static final int CORE_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private HandlerExecutor() {
    }

    private static final class Holder {
        static final ExecutorService SHARED = create();

        private static ExecutorService create() {
            GrowFirstQueue queue = new GrowFirstQueue();
            // a thread that could not be added after all (the pool filled up meanwhile): queue the task instead
            RejectedExecutionHandler queueInstead = (task, executor) -> {
                if (executor.isShutdown() || !queue.force(task)) {
                    throw new RejectedExecutionException("The bjsonrpc handler pool is shut down");
                }
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(CORE_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, queue,
                new DefaultThreadFactory("bjsonrpc-handler", true), queueInstead) {
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
            queue.pool = pool;
            return pool;
        }
    }

    /**
     * Queues a task only when a thread is free to take it or the pool is full; otherwise refuses it, which makes
     * the pool start a thread (a plain queue would let tasks wait behind blocked handlers while threads could
     * still be added).
     */
    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        final transient AtomicInteger submitted = new AtomicInteger();
        transient ThreadPoolExecutor pool;

        boolean force(Runnable task) {
            return super.offer(task);
        }

        @Override
        public boolean offer(Runnable task) {
            int threads = pool.getPoolSize();
            if (submitted.get() > threads && threads < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }
    }

    /** The shared pool, created on first use. */
    public static ExecutorService shared() {
        return Holder.SHARED;
    }
}

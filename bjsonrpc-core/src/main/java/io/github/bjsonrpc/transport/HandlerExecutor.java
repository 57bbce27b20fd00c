package io.github.bjsonrpc.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The library's shared pool for handler code, used by connections whose options name no executor: bounded
 * ({@value #MAX_THREADS} threads, idle ones stop after a minute), daemon threads named {@code bjsonrpc-handler-N}.
 */
public final class HandlerExecutor {

    /** The most threads the shared pool runs. */
    public static final int MAX_THREADS = 256;

    private HandlerExecutor() {
    }

    private static final class Holder {
        static final ExecutorService SHARED = create();

        private static ExecutorService create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory("bjsonrpc-handler", true));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    /** The shared pool, created on first use. */
    public static ExecutorService shared() {
        return Holder.SHARED;
    }
}

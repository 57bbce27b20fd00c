package io.github.bjsonrpc.transport;

import java.util.concurrent.ExecutorService;

import io.github.bjsonrpc.dispatch.HandlerPool;

/** The library's shared pool for handler code: {@link HandlerPool#shared()}. */
public final class HandlerExecutor {

    private HandlerExecutor() {
    }

    /** The shared pool, created on first use: {@link HandlerPool#shared()}. */
    public static ExecutorService shared() {
        return HandlerPool.shared();
    }
}

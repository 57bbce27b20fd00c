package io.github.bjsonrpc.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.github.bjsonrpc.BjsonRpc;

/**
 * Where handler code of the application's bjsonrpc connections runs: virtual threads when
 * {@code spring.threads.virtual.enabled=true} on Java 21+, otherwise the core's bounded pool.
 *
 * @param virtualThreads the virtual-thread executor, or {@code null} for the core's pool
 */
record HandlerExecutor(Executor virtualThreads) {

    /** The executor for connection options: {@code null} means the core's pool. */
    Executor forConnections() {
        return virtualThreads;
    }

    /** An executor for the library's own hand-offs (events). */
    Executor forEvents() {
        return virtualThreads != null ? virtualThreads : BjsonRpc.defaultExecutor();
    }
}

package io.github.bjsonrpc.boot;

import java.util.concurrent.Executor;

import io.github.bjsonrpc.BjsonRpc;

/**
 * Where handler code of the application's bjsonrpc connections runs: virtual threads when
 * {@code spring.threads.virtual.enabled=true} on Java 21+, otherwise the core's bounded pool.
 *
 * @param virtualThreads the virtual-thread executor, or {@code null} for the core's pool
 */
public record HandlerExecutor(Executor virtualThreads) {

    /** The executor for connection options: {@code null} means the core's pool. */
    public Executor forConnections() {
        return virtualThreads;
    }

    /** An executor for the library's own hand-offs (events). */
    public Executor forEvents() {
        return virtualThreads != null ? virtualThreads : BjsonRpc.defaultExecutor();
    }
}

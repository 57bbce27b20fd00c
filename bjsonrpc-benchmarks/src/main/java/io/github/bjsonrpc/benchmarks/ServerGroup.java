package io.github.bjsonrpc.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Server processes started together, so that their JVMs start up at the same time, and stopped together. Each
 * serves once its {@link ServerProcess#port()} returns; {@link #awaitAll()} waits for all.
 */
final class ServerGroup implements AutoCloseable {

    private final Map<ServerKind, ServerProcess> servers = new EnumMap<>(ServerKind.class);

    /** Starts every kind. */
    ServerGroup(List<ServerKind> kinds) {
        try {
            for (ServerKind kind : kinds) {
                servers.put(kind, ServerProcess.start(kind));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Waits until every server has answered a first echo call, each as soon as it serves, so that the load
     * client's first contact with one server (for gRPC, loading and compiling its client) overlaps with the
     * others still starting.
     */
    void awaitAll() throws InterruptedException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> greeters = new ArrayList<>();
        for (ServerProcess server : servers.values()) {
            Thread greeter = new Thread(() -> {
                try {
                    server.load().firstAnswer();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "greet-" + server.kind());
            greeter.start();
            greeters.add(greeter);
        }
        for (Thread greeter : greeters) {
            greeter.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    ServerProcess get(ServerKind kind) {
        return servers.get(kind);
    }

    @Override
    public void close() {
        servers.values().forEach(ServerProcess::requestStop);
        for (ServerProcess server : servers.values()) {
            server.close();
        }
    }
}

package io.github.bjsonrpc.benchmarks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Server processes started together, so that their JVMs start up at the same time, and stopped together. Each
 * serves once its {@link ServerProcess#port()} returns; {@link #awaitAll()} waits for all.
 */
final class ServerGroup implements AutoCloseable {

    private final Map<ServerKind, ServerProcess> servers = new EnumMap<>(ServerKind.class);

    /** Starts every kind. */
    ServerGroup(List<ServerKind> kinds) throws InterruptedException {
        try {
            for (ServerKind kind : kinds) {
                servers.put(kind, ServerProcess.start(kind));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until every server serves. */
    void awaitAll() {
        servers.values().forEach(ServerProcess::port);
    }

    ServerProcess get(ServerKind kind) {
        return servers.get(kind);
    }

    @Override
    public void close() throws InterruptedException {
        servers.values().forEach(ServerProcess::requestStop);
        for (ServerProcess server : servers.values()) {
            server.close();
        }
    }
}

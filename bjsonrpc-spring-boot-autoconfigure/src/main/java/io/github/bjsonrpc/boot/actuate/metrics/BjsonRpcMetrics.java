package io.github.bjsonrpc.boot.actuate.metrics;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionStats;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of the application's bjsonrpc connections, server and clients together:
 *
 * <ul>
 * <li>{@code bjsonrpc.connections} (gauge, by {@code connection.role}): open connections;</li>
 * <li>{@code bjsonrpc.connections.opened} / {@code .closed} (counters, by role);</li>
 * <li>{@code bjsonrpc.requests.pending} (gauge): requests sent from here waiting for replies;</li>
 * <li>{@code bjsonrpc.requests.queued} (gauge): requests of peers waiting to start;</li>
 * <li>{@code bjsonrpc.requests.active} (gauge): requests of peers in flight now (running, waiting on their peer,
 * or answering later);</li>
 * <li>{@code bjsonrpc.pipes.open} (gauge): pipes opened from here and not ended;</li>
 * <li>{@code bjsonrpc.remote.objects} (gauge): objects exported to peers and not deleted;</li>
 * <li>{@code bjsonrpc.bytes.received} / {@code .sent} (counters, bytes);</li>
 * <li>{@code bjsonrpc.frames.rejected} (counter, by {@code reason}): lines dropped without a reply;</li>
 * <li>{@code bjsonrpc.limits.reached} (counter, by {@code limit}): what a limit refused.</li>
 * </ul>
 */
public class BjsonRpcMetrics implements RpcObserver, ConnectionListener {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter sent;

    /**
     * Registers the meters.
     *
     * @param registry where
     * @param connections the open connections the gauges read
     */
    public BjsonRpcMetrics(MeterRegistry registry, BjsonRpcConnections connections) {
        this.registry = registry;
        for (Role role : Role.values()) {
            Gauge.builder("bjsonrpc.connections", connections,
                    c -> c.all().stream().filter(l -> l.connection().role() == role).count())
                .description("Open bjsonrpc connections").tag("connection.role", tag(role)).register(registry);
            connectionCounter("opened", role);
            connectionCounter("closed", role);
        }
        gauge("bjsonrpc.requests.pending", "Requests sent from here waiting for their replies", connections,
            ConnectionStats::pendingRequests);
        gauge("bjsonrpc.requests.queued", "Requests of peers waiting to start", connections,
            ConnectionStats::queuedRequests);
        gauge("bjsonrpc.requests.active", "Requests of peers in flight now", connections,
            ConnectionStats::inFlightRequests);
        gauge("bjsonrpc.pipes.open", "Pipes opened from here and not ended", connections, ConnectionStats::openPipes);
        gauge("bjsonrpc.remote.objects", "Objects exported to peers and not deleted", connections,
            stats -> stats.remoteObjects().size());
        this.received = Counter.builder("bjsonrpc.bytes.received").baseUnit("bytes")
            .description("Bytes read from bjsonrpc peers").register(registry);
        this.sent = Counter.builder("bjsonrpc.bytes.sent").baseUnit("bytes")
            .description("Bytes written to bjsonrpc peers").register(registry);
    }

    private void gauge(String name, String description, BjsonRpcConnections connections,
            ToDoubleFunction<ConnectionStats> value) {
        Gauge.builder(name, connections,
                c -> c.all().stream().mapToDouble(live -> value.applyAsDouble(live.connection().stats())).sum())
            .description(description).register(registry);
    }

    private Counter connectionCounter(String event, Role role) {
        return Counter.builder("bjsonrpc.connections." + event).description("bjsonrpc connections " + event)
            .tag("connection.role", tag(role)).register(registry);
    }

    private static String tag(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void opened(Connection connection) {
        connectionCounter("opened", connection.role()).increment();
    }

    @Override
    public void closed(Connection connection) {
        connectionCounter("closed", connection.role()).increment();
    }

    @Override
    public void rejected(Connection connection, String reason) {
        Counter.builder("bjsonrpc.frames.rejected").description("Lines dropped without a reply")
            .tag("reason", reason).register(registry).increment();
    }

    @Override
    public void limitReached(Connection connection, String limit) {
        Counter.builder("bjsonrpc.limits.reached").description("What a bjsonrpc limit refused")
            .tag("limit", limit).register(registry).increment();
    }

    @Override
    public void bytesRead(Connection connection, long bytes) {
        received.increment(bytes);
    }

    @Override
    public void bytesWritten(Connection connection, long bytes) {
        sent.increment(bytes);
    }
}

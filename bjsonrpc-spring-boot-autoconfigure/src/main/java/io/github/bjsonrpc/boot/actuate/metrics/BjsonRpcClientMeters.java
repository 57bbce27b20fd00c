package io.github.bjsonrpc.boot.actuate.metrics;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.PeerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code bjsonrpc.client.instances} (gauge, by {@code client} and {@code state}, {@code connected} or
 * {@code disconnected}): how many instances of each configured client's peer are connected, for a client over
 * several instances as for a client of one. Tagged by client, never by instance address, so that instances coming
 * and going add no series.
 */
public class BjsonRpcClientMeters implements MeterBinder {

    private final Collection<String> clients;
    private final Function<String, BjsonRpcClient> lookup;

    /**
     * @param clients the configured clients' names
     * @param lookup gives a client by name, when a gauge is read
     */
    public BjsonRpcClientMeters(Collection<String> clients, Function<String, BjsonRpcClient> lookup) {
        this.clients = List.copyOf(clients);
        this.lookup = lookup;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String client : clients) {
            instances(registry, client, true);
            instances(registry, client, false);
        }
    }

    private void instances(MeterRegistry registry, String client, boolean connected) {
        Gauge.builder("bjsonrpc.client.instances", () -> lookup.apply(client).instances().stream()
                .map(PeerState::state).filter(s -> (s == BjsonRpcClient.State.CONNECTED) == connected).count())
            .description("Instances of a client's peer, connected or not")
            .tag("client", client).tag("state", connected ? "connected" : "disconnected")
            .register(registry);
    }
}

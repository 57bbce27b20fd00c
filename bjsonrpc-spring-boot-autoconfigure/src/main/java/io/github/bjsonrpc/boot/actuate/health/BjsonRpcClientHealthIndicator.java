package io.github.bjsonrpc.boot.actuate.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.PeerState;

/**
 * One configured client: its state, peer, last connection error and next reconnect attempt; for a client over
 * several instances, each instance with its state, connections, last error and next reconnect. A client over
 * several instances is connected while at least one is. UP whatever its state, unless
 * {@code bjsonrpc.clients.<name>.required=true}: then DOWN while it is not connected.
 */
public class BjsonRpcClientHealthIndicator implements HealthIndicator {

    private final BjsonRpcClient client;
    private final boolean required;

    /**
     * @param client the client
     * @param required whether it is DOWN while not connected
     */
    public BjsonRpcClientHealthIndicator(BjsonRpcClient client, boolean required) {
        this.client = client;
        this.required = required;
    }

    @Override
    public Health health() {
        BjsonRpcClient.State state = client.state();
        Health.Builder health = required && state != BjsonRpcClient.State.CONNECTED ? Health.down() : Health.up();
        health.withDetail("state", state.name());
        if (client.peers() == null) {
            health.withDetail("peer", client.host() + ":" + client.port());
        } else {
            health.withDetail("instances", instances(client.instances()));
        }
        health.withDetail("required", required);
        Throwable lastError = client.lastError();
        if (lastError != null) {
            health.withDetail("lastError", String.valueOf(lastError.getMessage()));
        }
        Instant next = client.nextAttempt();
        if (next != null) {
            health.withDetail("nextReconnect", next.toString());
        }
        return health.build();
    }

    private static List<Map<String, Object>> instances(List<PeerState> states) {
        List<Map<String, Object>> instances = new ArrayList<>(states.size());
        for (PeerState state : states) {
            Map<String, Object> instance = new LinkedHashMap<>();
            instance.put("address", state.address().toString());
            instance.put("state", state.state().name());
            instance.put("connections", state.connections());
            if (state.lastError() != null) {
                instance.put("lastError", String.valueOf(state.lastError().getMessage()));
            }
            if (state.nextAttempt() != null) {
                instance.put("nextReconnect", state.nextAttempt().toString());
            }
            instances.add(instance);
        }
        return instances;
    }
}

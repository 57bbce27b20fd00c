package io.github.bjsonrpc.boot.actuate.health;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * One configured client: its state, peer, last connection error and next reconnect attempt. UP whatever its state,
 * unless {@code bjsonrpc.clients.<name>.required=true}: then DOWN while it is not connected.
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
        health.withDetail("state", state.name())
            .withDetail("peer", client.host() + ":" + client.port())
            .withDetail("required", required);
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
}

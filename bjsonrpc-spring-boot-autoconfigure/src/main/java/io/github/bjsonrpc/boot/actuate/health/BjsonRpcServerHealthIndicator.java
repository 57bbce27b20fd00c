package io.github.bjsonrpc.boot.actuate.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/** UP while the bjsonrpc server listens, with its address and open connections; DOWN otherwise. */
public class BjsonRpcServerHealthIndicator implements HealthIndicator {

    private final BjsonRpcServerLifecycle lifecycle;

    /**
     * @param lifecycle the auto-configured server
     */
    public BjsonRpcServerHealthIndicator(BjsonRpcServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        BjsonRpcServer server = lifecycle.server();
        if (server == null || !server.isRunning()) {
            return Health.down().withDetail("listening", false).build();
        }
        return Health.up()
            .withDetail("listening", true)
            .withDetail("address", server.address().getHostString() + ":" + server.port())
            .withDetail("connections", server.connections().size())
            .build();
    }
}

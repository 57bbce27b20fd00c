package io.github.bjsonrpc.boot.cloud;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.event.EventListener;

import io.github.bjsonrpc.boot.client.DiscoveredPeers;

/**
 * Reads the instances of every client configured with a {@code service-id} again when discovery says that its
 * catalog changed ({@link HeartbeatEvent}: Eureka, Consul and Kubernetes publish it), on the refreshing thread.
 */
public class DiscoveryHeartbeats {

    private final DiscoveredPeers peers;

    /**
     * @param peers the lists to refresh
     */
    public DiscoveryHeartbeats(DiscoveredPeers peers) {
        this.peers = peers;
    }

    /**
     * @param event discovery's heartbeat
     */
    @EventListener
    public void heartbeat(HeartbeatEvent event) {
        peers.refreshAllSoon();
    }
}

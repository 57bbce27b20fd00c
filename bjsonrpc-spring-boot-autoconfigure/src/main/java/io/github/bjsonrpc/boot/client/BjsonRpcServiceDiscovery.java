package io.github.bjsonrpc.boot.client;

import java.util.List;

import io.github.bjsonrpc.PeerAddress;

/**
 * Where the instances of a service are, for the clients configured with {@code bjsonrpc.clients.<name>.service-id}.
 * With Spring Cloud on the class path, the auto-configured one asks its discovery (Kubernetes, Consul, Eureka,
 * static lists) or its LoadBalancer; define a bean of this type to ask anything else.
 */
@FunctionalInterface
public interface BjsonRpcServiceDiscovery {

    /**
     * Called at start-up, at each refresh, and by a client that has no live connection, off the I/O threads; it may
     * block briefly.
     *
     * @param serviceId the service
     * @return where its instances listen for bjsonrpc now, possibly none
     * @throws RuntimeException if the instances cannot be read now: the client then keeps its list as it was
     */
    List<PeerAddress> instances(String serviceId);
}

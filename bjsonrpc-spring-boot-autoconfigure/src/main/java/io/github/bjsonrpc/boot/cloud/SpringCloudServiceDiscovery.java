package io.github.bjsonrpc.boot.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import io.github.bjsonrpc.PeerAddress;
import io.github.bjsonrpc.boot.client.BjsonRpcServiceDiscovery;

/**
 * The instances of a service from Spring Cloud: its {@link DiscoveryClient}, its reactive one, or its
 * LoadBalancer's instance list (which applies the LoadBalancer's own configuration, such as health checks, zones and
 * caching). Each instance's bjsonrpc port comes from its metadata ({@link BjsonRpcInstanceMetadata}); an instance
 * whose metadata is unusable is left out, with a warning.
 */
public class SpringCloudServiceDiscovery implements BjsonRpcServiceDiscovery {

    private static final Logger log = LoggerFactory.getLogger(SpringCloudServiceDiscovery.class);

    private final Function<String, List<ServiceInstance>> source;
    private final String description;

    /**
     * @param source gives the instances of a service
     * @param description what the source is, for logs
     */
    public SpringCloudServiceDiscovery(Function<String, List<ServiceInstance>> source, String description) {
        this.source = source;
        this.description = description;
    }

    /**
     * @param discovery the application's discovery client
     * @return the instances it knows
     */
    public static SpringCloudServiceDiscovery of(DiscoveryClient discovery) {
        return new SpringCloudServiceDiscovery(discovery::getInstances, discovery.description());
    }

    @Override
    public List<PeerAddress> instances(String serviceId) {
        List<ServiceInstance> found = source.apply(serviceId);
        List<PeerAddress> addresses = new ArrayList<>(found == null ? 0 : found.size());
        if (found != null) {
            for (ServiceInstance instance : found) {
                try {
                    addresses.add(BjsonRpcInstanceMetadata.address(instance));
                } catch (IllegalArgumentException e) {
                    log.warn("Leaving out an instance of '{}': {}", serviceId, e.getMessage());
                }
            }
        }
        return addresses;
    }

    @Override
    public String toString() {
        return description;
    }
}

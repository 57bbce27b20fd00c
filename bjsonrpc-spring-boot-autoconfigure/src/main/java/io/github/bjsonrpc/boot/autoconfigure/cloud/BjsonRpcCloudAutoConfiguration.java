package io.github.bjsonrpc.boot.autoconfigure.cloud;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcProperties;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcServiceDiscovery;
import io.github.bjsonrpc.boot.client.DiscoveredPeers;
import io.github.bjsonrpc.boot.cloud.BjsonRpcPortRegistration;
import io.github.bjsonrpc.boot.cloud.DiscoveryHeartbeats;
import io.github.bjsonrpc.boot.cloud.SpringCloudServiceDiscovery;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * bjsonrpc with Spring Cloud, when it is on the class path: the {@link BjsonRpcServiceDiscovery} of the clients
 * configured with {@code service-id}, from the LoadBalancer's instance list if Spring Cloud LoadBalancer is there,
 * otherwise from the {@link DiscoveryClient} (or the reactive one); their refresh on heartbeat events; and the
 * server's port in the application's own instance metadata ({@link BjsonRpcPortRegistration}).
 */
@AutoConfiguration(after = {BjsonRpcClientAutoConfiguration.class, BjsonRpcServerAutoConfiguration.class},
    afterName = {"org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
        "org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration",
        "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
        "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration"})
@ConditionalOnClass({BjsonRpc.class, DiscoveryClient.class})
public final class BjsonRpcCloudAutoConfiguration {

    /** How long reading the instances of a service through a reactive source may take. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    @ConditionalOnBean(DiscoveredPeers.class)
    DiscoveryHeartbeats bjsonRpcDiscoveryHeartbeats(DiscoveredPeers peers) {
        return new DiscoveryHeartbeats(peers);
    }

    @Configuration(proxyBeanMethods = false)
    @Order(1)
    @ConditionalOnClass(name = "org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory")
    @ConditionalOnBean(type = "org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory")
    static class LoadBalancerInstances {

        @Bean
        @ConditionalOnMissingBean
        BjsonRpcServiceDiscovery bjsonRpcServiceDiscovery(LoadBalancerClientFactory loadBalancers) {
            return new SpringCloudServiceDiscovery(serviceId -> {
                ServiceInstanceListSupplier supplier = loadBalancers.getInstance(serviceId,
                    ServiceInstanceListSupplier.class);
                List<ServiceInstance> found = supplier == null ? null : supplier.get().next().block(READ_TIMEOUT);
                return found == null ? List.of() : found;
            }, "Spring Cloud LoadBalancer");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Order(2)
    @ConditionalOnBean(DiscoveryClient.class)
    static class BlockingDiscoveryInstances {

        @Bean
        @ConditionalOnMissingBean
        BjsonRpcServiceDiscovery bjsonRpcServiceDiscovery(DiscoveryClient discovery) {
            return SpringCloudServiceDiscovery.of(discovery);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Order(3)
    @ConditionalOnClass(name = "reactor.core.publisher.Flux")
    @ConditionalOnBean(ReactiveDiscoveryClient.class)
    static class ReactiveDiscoveryInstances {

        @Bean
        @ConditionalOnMissingBean
        BjsonRpcServiceDiscovery bjsonRpcServiceDiscovery(ReactiveDiscoveryClient discovery) {
            return new SpringCloudServiceDiscovery(serviceId -> {
                List<ServiceInstance> found = discovery.getInstances(serviceId).collectList().block(READ_TIMEOUT);
                return found == null ? List.of() : found;
            }, discovery.description());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(BjsonRpcServerLifecycle.class)
    static class PortRegistration {

        @Bean
        BjsonRpcPortRegistration bjsonRpcPortRegistration(BjsonRpcServerLifecycle server,
                BjsonRpcProperties properties, ObjectProvider<Registration> registrations) {
            return new BjsonRpcPortRegistration(server, properties.getServer().getPort(), registrations);
        }
    }
}

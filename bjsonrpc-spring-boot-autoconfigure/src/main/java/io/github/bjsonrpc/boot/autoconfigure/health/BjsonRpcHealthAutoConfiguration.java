package io.github.bjsonrpc.boot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.boot.actuate.health.BjsonRpcClientHealthIndicator;
import io.github.bjsonrpc.boot.actuate.health.BjsonRpcServerHealthIndicator;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcProperties;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientBeans;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * The {@code bjsonrpc} health contributor: {@code server} ({@link BjsonRpcServerHealthIndicator}) and
 * {@code clients/<name>} ({@link BjsonRpcClientHealthIndicator}). Off with
 * {@code management.health.bjsonrpc.enabled=false}.
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, BjsonRpcServerAutoConfiguration.class,
    BjsonRpcClientAutoConfiguration.class})
@ConditionalOnClass({BjsonRpc.class, HealthContributor.class})
@ConditionalOnEnabledHealthIndicator("bjsonrpc")
public final class BjsonRpcHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "bjsonrpcHealthContributor")
    CompositeHealthContributor bjsonrpcHealthContributor(ObjectProvider<BjsonRpcServerLifecycle> server,
            BjsonRpcProperties properties, BeanFactory beanFactory) {
        Map<String, HealthContributor> parts = new LinkedHashMap<>();
        BjsonRpcServerLifecycle lifecycle = server.getIfAvailable();
        parts.put("server", lifecycle != null ? new BjsonRpcServerHealthIndicator(lifecycle)
            : (HealthIndicator) () -> Health.up().withDetail("enabled", false).build());
        Map<String, HealthContributor> clients = new LinkedHashMap<>();
        properties.getClients().forEach((name, client) -> clients.put(name, new BjsonRpcClientHealthIndicator(
            beanFactory.getBean(BjsonRpcClientBeans.beanName(name), BjsonRpcClient.class), client.isRequired())));
        if (!clients.isEmpty()) {
            parts.put("clients", CompositeHealthContributor.fromMap(clients));
        }
        return CompositeHealthContributor.fromMap(parts);
    }
}

package io.github.bjsonrpc.boot.autoconfigure.metrics;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.actuate.metrics.BjsonRpcClientMeters;
import io.github.bjsonrpc.boot.actuate.metrics.BjsonRpcMetrics;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcProperties;
import io.github.bjsonrpc.boot.client.BjsonRpcClientBeans;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link BjsonRpcMetrics}: connections, pending, queued and active requests, pipes, remote objects, bytes, rejected
 * frames and limits reached of the application's bjsonrpc connections, and {@link BjsonRpcClientMeters}: the
 * connected instances of each client. Needs a {@link MeterRegistry}; off with
 * {@code bjsonrpc.metrics.enabled=false}. Call timers come from the observation auto-configuration.
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, MetricsAutoConfiguration.class,
    CompositeMeterRegistryAutoConfiguration.class})
@ConditionalOnClass({BjsonRpc.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "bjsonrpc.metrics.enabled", matchIfMissing = true)
public final class BjsonRpcMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcMetrics bjsonRpcMetrics(MeterRegistry registry, BjsonRpcConnections connections) {
        return new BjsonRpcMetrics(registry, connections);
    }

    @Bean
    BjsonRpcServerCustomizer bjsonRpcServerMetrics(BjsonRpcMetrics metrics) {
        return builder -> builder.addObserver(metrics).addConnectionListener(metrics);
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcClientMeters bjsonRpcClientMeters(BjsonRpcProperties properties, BeanFactory beanFactory) {
        return new BjsonRpcClientMeters(properties.getClients().keySet(),
            name -> beanFactory.getBean(BjsonRpcClientBeans.beanName(name), BjsonRpcClient.class));
    }

    @Bean
    BjsonRpcClientCustomizer bjsonRpcClientMetrics(BjsonRpcMetrics metrics) {
        return (name, builder) -> builder.addObserver(metrics).addConnectionListener(metrics);
    }
}

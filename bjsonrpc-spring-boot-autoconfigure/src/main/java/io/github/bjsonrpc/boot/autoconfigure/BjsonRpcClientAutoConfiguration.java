package io.github.bjsonrpc.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.client.BjsonRpcClientFactory;
import io.github.bjsonrpc.boot.client.BjsonRpcClientsLifecycle;
import io.github.bjsonrpc.boot.client.BjsonRpcClientsRegistrar;
import io.github.bjsonrpc.boot.client.BjsonRpcServiceDiscovery;
import io.github.bjsonrpc.boot.client.DiscoveredPeers;

/**
 * One {@link io.github.bjsonrpc.BjsonRpcClient} bean per {@code bjsonrpc.clients.<name>}, injected by its name (see
 * {@link BjsonRpcClientsRegistrar}), connected on first use or at start-up, reconnecting with backoff. Adjust them
 * with {@link BjsonRpcClientCustomizer} beans. A client configured with {@code addresses} or {@code service-id}
 * connects to several instances; the instances of a service come from the {@link BjsonRpcServiceDiscovery} bean
 * (see {@link DiscoveredPeers}).
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, SslAutoConfiguration.class})
@ConditionalOnClass(BjsonRpc.class)
public final class BjsonRpcClientAutoConfiguration {

    @Bean
    static BjsonRpcClientsRegistrar bjsonRpcClientsRegistrar(Environment environment) {
        return new BjsonRpcClientsRegistrar(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcClientFactory bjsonRpcClientFactory(BjsonRpcProperties properties, BjsonRpcServices services,
            BjsonRpcHandlerExecutor executor, BjsonRpcJsonMapper jsonMapper, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<BjsonRpcClientCustomizer> customizers, ApplicationContext context,
            BjsonRpcConnections connections, DiscoveredPeers discovered) {
        Set<String> configured = properties.getClients().keySet();
        for (String client : services.clientNames()) {
            if (!configured.contains(client)) {
                throw new IllegalStateException("A @BjsonRpcService is published on client '" + client
                    + "', but no bjsonrpc.clients." + client + " is configured");
            }
        }
        return new PropertiesBjsonRpcClientFactory(properties, services, executor, jsonMapper,
            sslBundles.getIfAvailable(), customizers.orderedStream().toList(), context, connections,
            context.getEnvironment(), discovered);
    }

    @Bean
    @ConditionalOnMissingBean
    DiscoveredPeers bjsonRpcDiscoveredPeers(ObjectProvider<BjsonRpcServiceDiscovery> discovery) {
        return new DiscoveredPeers(discovery::getIfAvailable);
    }

    @Bean
    BjsonRpcClientsLifecycle bjsonRpcClientsLifecycle(BjsonRpcProperties properties, BeanFactory beanFactory) {
        List<String> connectOnStartup = new ArrayList<>();
        properties.getClients().forEach((name, client) -> {
            if (client.isConnectOnStartup()) {
                connectOnStartup.add(name);
            }
        });
        return new BjsonRpcClientsLifecycle(connectOnStartup, beanFactory);
    }
}

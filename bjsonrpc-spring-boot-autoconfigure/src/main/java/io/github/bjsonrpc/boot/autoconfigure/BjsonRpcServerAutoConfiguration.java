package io.github.bjsonrpc.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;

/**
 * The bjsonrpc server, from {@code bjsonrpc.server.*}: on by default, off with {@code bjsonrpc.server.enabled=false}.
 * Define your own {@link BjsonRpcServerLifecycle} bean to replace it, or {@link BjsonRpcServerCustomizer} beans to
 * adjust it.
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, SslAutoConfiguration.class})
@ConditionalOnClass(BjsonRpc.class)
@ConditionalOnBooleanProperty(name = "bjsonrpc.server.enabled", matchIfMissing = true)
public final class BjsonRpcServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcServerLifecycle bjsonRpcServerLifecycle(BjsonRpcProperties properties, BjsonRpcServices services,
            HandlerExecutor executor, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<BjsonRpcServerCustomizer> customizers, ApplicationContext context,
            BjsonRpcConnections connections) {
        BjsonRpcProperties.Server server = properties.getServer();
        String bundle = server.getSsl().getBundle();
        return new BjsonRpcServerLifecycle(server, services, executor,
            bundle == null ? null
                : SslContexts.server(sslBundles.getIfAvailable(), bundle, server.getSsl().getClientAuth()),
            customizers.orderedStream().toList(), context, connections);
    }

    @Bean
    BjsonRpcServerPortInfoListener bjsonRpcServerPortInfoListener(ApplicationContext context) {
        return new BjsonRpcServerPortInfoListener(context);
    }
}

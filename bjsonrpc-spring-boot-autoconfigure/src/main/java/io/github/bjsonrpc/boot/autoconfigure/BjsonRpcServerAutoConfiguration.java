package io.github.bjsonrpc.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcReadinessAtShutdown;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * The bjsonrpc server, from {@code bjsonrpc.server.*}, when the application has something to serve (a
 * {@link io.github.bjsonrpc.boot.BjsonRpcService} published on the server) or {@code bjsonrpc.server.enabled=true}
 * says so; never with {@code bjsonrpc.server.enabled=false}. Define your own {@link BjsonRpcServerLifecycle} bean to
 * replace it, or {@link BjsonRpcServerCustomizer} beans to adjust it. When the application begins to shut down, its
 * readiness goes out of service before the server stops accepting ({@link BjsonRpcReadinessAtShutdown}).
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, SslAutoConfiguration.class})
@ConditionalOnClass(BjsonRpc.class)
@Conditional(OnBjsonRpcServerCondition.class)
public final class BjsonRpcServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcServerLifecycle bjsonRpcServerLifecycle(BjsonRpcProperties properties, BjsonRpcServices services,
            BjsonRpcHandlerExecutor executor, BjsonRpcJsonMapper jsonMapper, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<BjsonRpcServerCustomizer> customizers, ApplicationContext context,
            BjsonRpcConnections connections) {
        BjsonRpcProperties.Server server = properties.getServer();
        String bundle = server.getSsl().getBundle();
        return new BjsonRpcServerLifecycle(new PropertiesBjsonRpcServerFactory(server, services, executor, jsonMapper,
            bundle == null ? null
                : SslContexts.server(sslBundles.getIfAvailable(), bundle, server.getSsl().getClientAuth()),
            customizers.orderedStream().toList(), context, connections),
            ShutdownGracePeriod.within(server.getShutdownGracePeriod(), context.getEnvironment()), context);
    }

    @Bean
    BjsonRpcReadinessAtShutdown bjsonRpcReadinessAtShutdown(ApplicationContext context) {
        return new BjsonRpcReadinessAtShutdown(context);
    }

    @Bean
    BjsonRpcServerPortInfoListener bjsonRpcServerPortInfoListener(ApplicationContext context) {
        return new BjsonRpcServerPortInfoListener(context);
    }
}

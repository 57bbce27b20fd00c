package io.github.bjsonrpc.boot.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.CurrentConnection;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapperCustomizer;
import io.github.bjsonrpc.boot.BjsonRpcService;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the bjsonrpc server and clients share: the {@code bjsonrpc.*} properties, the registry of
 * {@link BjsonRpcService} beans, the registry of open connections, the executor for handler code, the Jackson mapper
 * of their values (the application's {@link JsonMapper}, see {@link BjsonRpcJsonMapper}), and, in an application
 * with services, the {@link Connection} that service beans can have injected.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(BjsonRpc.class)
@EnableConfigurationProperties(BjsonRpcProperties.class)
public final class BjsonRpcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcServices bjsonRpcServices(ConfigurableListableBeanFactory beanFactory) {
        return new BjsonRpcServices(beanFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcConnections bjsonRpcConnections() {
        return new BjsonRpcConnections();
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcJsonMapper bjsonRpcJsonMapper(BjsonRpcProperties properties, ObjectProvider<JsonMapper> applicationMapper,
            ObjectProvider<BjsonRpcJsonMapperCustomizer> customizers) {
        JsonMapper mapper = BjsonRpcJsonMappers.create(
            properties.getJson().isUseApplicationMapper() ? applicationMapper.getIfUnique() : null,
            customizers.orderedStream().toList());
        return () -> mapper;
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcHandlerExecutor bjsonRpcHandlerExecutor(Environment environment,
            ObjectProvider<TaskDecorator> taskDecorators) {
        Executor executor = HandlerExecutors.create(Threading.VIRTUAL.isActive(environment),
            taskDecorators.orderedStream().toList());
        return () -> executor;
    }

    /**
     * The connection a {@link BjsonRpcService} bean is being made for, for its constructor or a method parameter:
     * only in an application that has such beans, and made only while their instances for a connection are.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(annotation = BjsonRpcService.class)
    static class ServiceConnectionConfiguration {

        @Bean
        @Scope(BeanDefinition.SCOPE_PROTOTYPE)
        Connection bjsonRpcConnection() {
            return CurrentConnection.get();
        }
    }
}

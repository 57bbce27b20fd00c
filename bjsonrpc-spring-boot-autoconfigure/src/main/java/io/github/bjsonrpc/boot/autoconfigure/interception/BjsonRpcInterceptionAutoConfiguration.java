package io.github.bjsonrpc.boot.autoconfigure.interception;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.RpcExceptionHandler;
import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.boot.InterceptedConnections;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;

/**
 * Applies the application's beans to the connections of the bjsonrpc server and clients, in their order
 * ({@code @Order} or {@code Ordered}):
 *
 * <ul>
 * <li>{@link RpcInterceptor} beans around every call handled and issued, the first outermost, on every connection
 * unless {@link InterceptedConnections} limits them;</li>
 * <li>{@link RpcExceptionHandler} beans, asked in order what a peer is told when a service fails; then, unless
 * {@code bjsonrpc.errors.details=full}, an unexpected exception is answered with its class name and a correlation
 * id only ({@link RpcExceptionHandler#withoutDetails()});</li>
 * <li>{@link ConnectionFilter} beans on the server: a connection is served only if every one accepts it.</li>
 * </ul>
 */
@AutoConfiguration(after = BjsonRpcAutoConfiguration.class)
@ConditionalOnClass(BjsonRpc.class)
@EnableConfigurationProperties(BjsonRpcErrorProperties.class)
public final class BjsonRpcInterceptionAutoConfiguration {

    @Bean
    BjsonRpcServerCustomizer bjsonRpcServerInterception(ListableBeanFactory beanFactory,
            ObjectProvider<RpcExceptionHandler> exceptionHandlers, ObjectProvider<ConnectionFilter> filters,
            BjsonRpcErrorProperties errors) {
        InterceptorBeans interceptors = new InterceptorBeans(beanFactory);
        return builder -> {
            interceptors.forServer().forEach(builder::addInterceptor);
            exceptionHandlers(exceptionHandlers, errors).forEach(builder::addExceptionHandler);
            filters.orderedStream().forEach(builder::addConnectionFilter);
        };
    }

    @Bean
    BjsonRpcClientCustomizer bjsonRpcClientInterception(ListableBeanFactory beanFactory,
            ObjectProvider<RpcExceptionHandler> exceptionHandlers, BjsonRpcErrorProperties errors) {
        InterceptorBeans interceptors = new InterceptorBeans(beanFactory);
        return (name, builder) -> {
            interceptors.forClient(name).forEach(builder::addInterceptor);
            exceptionHandlers(exceptionHandlers, errors).forEach(builder::addExceptionHandler);
        };
    }

    /** The application's handlers in order, then the policy for what none of them answers. */
    private static List<RpcExceptionHandler> exceptionHandlers(ObjectProvider<RpcExceptionHandler> beans,
            BjsonRpcErrorProperties errors) {
        Stream<RpcExceptionHandler> policy = errors.getDetails() == BjsonRpcErrorProperties.Details.SAFE
            ? Stream.of(RpcExceptionHandler.withoutDetails()) : Stream.empty();
        return Stream.concat(beans.orderedStream(), policy).toList();
    }
}

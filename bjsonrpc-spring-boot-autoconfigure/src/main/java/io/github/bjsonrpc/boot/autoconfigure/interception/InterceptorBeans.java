package io.github.bjsonrpc.boot.autoconfigure.interception;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;

import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.boot.InterceptedConnections;

/**
 * The application's {@link RpcInterceptor} beans in their order ({@code @Order}, {@code Ordered}, on the class or
 * the {@code @Bean} method), and which connections each runs on ({@link InterceptedConnections}).
 */
final class InterceptorBeans {

    private final ListableBeanFactory beanFactory;

    InterceptorBeans(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** The interceptors of the connections the server accepts, outermost first. */
    List<RpcInterceptor> forServer() {
        return matching(InterceptedConnections::server);
    }

    /**
     * @param client a client's name
     * @return the interceptors of that client's connections, outermost first
     */
    List<RpcInterceptor> forClient(String client) {
        return matching(scope -> Arrays.stream(scope.clients())
            .anyMatch(name -> name.equals(InterceptedConnections.ALL_CLIENTS) || name.equals(client)));
    }

    private List<RpcInterceptor> matching(Predicate<InterceptedConnections> applies) {
        Map<RpcInterceptor, String> names = new IdentityHashMap<>();
        beanFactory.getBeansOfType(RpcInterceptor.class).forEach((name, bean) -> names.put(bean, name));
        return beanFactory.getBeanProvider(RpcInterceptor.class).orderedStream()
            .filter(interceptor -> {
                InterceptedConnections scope = scopeOf(names.get(interceptor));
                return scope == null || applies.test(scope);
            })
            .toList();
    }

    private @Nullable InterceptedConnections scopeOf(@Nullable String beanName) {
        return beanName == null ? null : beanFactory.findAnnotationOnBean(beanName, InterceptedConnections.class);
    }
}

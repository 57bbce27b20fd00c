package io.github.bjsonrpc.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits an {@link io.github.bjsonrpc.RpcInterceptor} bean to some connections. Without it, an interceptor bean runs
 * on every connection of the application: those the bjsonrpc server accepts and those of every configured client
 * ({@code bjsonrpc.clients.<name>}), around the calls handled there (services, including those published on client
 * connections) and the calls issued there. Put it on the bean's class or on its {@code @Bean} method:
 *
 * <pre>{@code
 * @Bean
 * @InterceptedConnections(clients = {})          // the server's connections only
 * RpcInterceptor audit() { ... }
 *
 * @Bean
 * @InterceptedConnections(server = false)        // every client's connections only
 * RpcInterceptor outgoing() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InterceptedConnections {

    /** Every configured client, in {@link #clients()}. */
    String ALL_CLIENTS = "*";

    /**
     * Whether the connections the bjsonrpc server accepts run the interceptor.
     *
     * @return {@code true} by default
     */
    boolean server() default true;

    /**
     * The clients ({@code bjsonrpc.clients.<name>}) whose connections run the interceptor; {@value #ALL_CLIENTS}
     * for all of them.
     *
     * @return client names; all of them by default, none with {@code {}}
     */
    String[] clients() default ALL_CLIENTS;
}

package io.github.bjsonrpc.boot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers typed proxies of a configured client as beans, for users who prefer interfaces to method names. Each
 * abstract method of an interface calls the peer's method of the same name through the client
 * ({@link io.github.bjsonrpc.RpcInterfaces}), following its reconnections. The bean name is the interface's simple
 * name, uncapitalised; inject it by type, through a constructor:
 *
 * <pre>{@code
 * @Configuration
 * @ImportBjsonRpcClients(client = "calculator", types = CalculatorApi.class)
 * class Clients {
 * }
 *
 * @Service
 * class Billing {
 *     Billing(CalculatorApi calculator) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ImportBjsonRpcClients.List.class)
@Import(BjsonRpcClientInterfacesRegistrar.class)
public @interface ImportBjsonRpcClients {

    /**
     * The configured client ({@code bjsonrpc.clients.<name>}) the proxies call through.
     *
     * @return the client name
     */
    String client();

    /**
     * The interfaces to implement.
     *
     * @return interfaces describing the peer's methods
     */
    Class<?>[] types();

    /** Several {@link ImportBjsonRpcClients} on one class. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Import(BjsonRpcClientInterfacesRegistrar.class)
    @interface List {

        /**
         * The imports.
         *
         * @return one per client
         */
        ImportBjsonRpcClients[] value();
    }
}

package io.github.bjsonrpc.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a class whose public methods a bjsonrpc peer can call: the reference's handler factory as a Spring bean.
 * It is a prototype-scoped {@link Component}: every connection gets its own instance, so fields are per-connection
 * state. All {@code @BjsonRpcService} beans published on a connection together form its root handler; two of them
 * publishing the same method name fail start-up with a message naming both beans.
 *
 * <p>Which connections publish it: by default every connection the bjsonrpc server accepts ({@link #server()});
 * list client names ({@code bjsonrpc.clients.<name>}) in {@link #clients()} to publish it on those outbound
 * connections too, so that the server at the other end can call it back.
 *
 * <p>A service reaches its connection, to call or notify the peer, through a constructor or method parameter of
 * type {@link io.github.bjsonrpc.Connection}, or {@link io.github.bjsonrpc.Connection#current()} in a call. Its
 * published methods follow the core's rules ({@link io.github.bjsonrpc.BjsonRpc}); returning an
 * {@link io.github.bjsonrpc.Exported} object hands the peer a remote object. An {@link AutoCloseable} service is
 * closed when its connection closes.
 *
 * <p>A service whose methods never block can run them {@linkplain #inline() inline}, on the connection's event loop
 * with no hand-off to the handler executor: see {@link io.github.bjsonrpc.Inline} for what that saves and what it
 * costs to get wrong.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
@Scope(BeanDefinition.SCOPE_PROTOTYPE)
public @interface BjsonRpcService {

    /**
     * The bean name, as for {@link Component#value()}.
     *
     * @return the bean name, or empty for the default
     */
    @AliasFor(annotation = Component.class)
    String value() default "";

    /**
     * Whether connections accepted by the bjsonrpc server publish this service.
     *
     * @return {@code true} by default
     */
    boolean server() default true;

    /**
     * The clients ({@code bjsonrpc.clients.<name>}) whose connections publish this service, so that the servers
     * they connect to can call it.
     *
     * @return client names; none by default
     */
    String[] clients() default {};

    /**
     * Whether the service's published methods run {@linkplain io.github.bjsonrpc.Inline inline}: on the event loop
     * of the connection, as each request is read, with no hand-off to the handler executor. Only for methods that
     * never block: waiting for the peer fails there at once, and a method running longer than
     * {@code inline-time-limit} is reported and interrupted. {@link io.github.bjsonrpc.Inline @Inline} on a method
     * decides for that method; {@code bjsonrpc.server.inline} (or {@code bjsonrpc.clients.<name>.inline}) makes
     * every service of those connections inline.
     *
     * @return {@code false} by default
     */
    boolean inline() default false;
}

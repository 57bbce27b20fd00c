package io.github.bjsonrpc.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the bjsonrpc server bound, useful with {@code bjsonrpc.server.port=0} in tests. A shortcut for
 * {@code @Value("${local.bjsonrpc.server.port}")}, like {@code @LocalServerPort} for the web server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Value("${" + LocalBjsonRpcServerPort.PROPERTY + "}")
public @interface LocalBjsonRpcServerPort {

    /** The environment property holding the bound port once the server has started. */
    String PROPERTY = "local.bjsonrpc.server.port";
}

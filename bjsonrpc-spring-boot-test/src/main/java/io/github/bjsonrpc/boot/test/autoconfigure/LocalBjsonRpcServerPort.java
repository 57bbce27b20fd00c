package io.github.bjsonrpc.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port the application's bjsonrpc server bound, for tests where it binds a free one
 * ({@link AutoConfigureTestBjsonRpcTransport}, or {@code bjsonrpc.server.port=0}). A shortcut for
 * {@code @Value("${local.bjsonrpc.server.port}")}, as {@code @LocalServerPort} is for the web server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Value("${local.bjsonrpc.server.port}")
public @interface LocalBjsonRpcServerPort {
}

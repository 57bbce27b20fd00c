package io.github.bjsonrpc.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * On a test class ({@code @SpringBootTest}), runs the application's bjsonrpc server on a free loopback port of its
 * own and points every configured client ({@code bjsonrpc.clients.<name>}) at it, so that no test fights over a port
 * and test classes can run in parallel. The test reads the port with {@link LocalBjsonRpcServerPort}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTestBjsonRpcTransport
 * class CalculatorTests {
 *     @Autowired CalculatorApi calculator;   // a typed client: calls this application's own server
 *     @LocalBjsonRpcServerPort int port;      // for a raw connection of the test's own
 * }
 * }</pre>
 *
 * @see TestBjsonRpcTransportAutoConfiguration
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ImportAutoConfiguration
public @interface AutoConfigureTestBjsonRpcTransport {

    /**
     * The port the server binds ({@code bjsonrpc.server.port}).
     *
     * @return 0 by default: a free port for each application context
     */
    @PropertyMapping("bjsonrpc.server.port")
    int serverPort() default 0;

    /**
     * Whether the configured clients call the application's own server, whatever their host and port say
     * ({@code bjsonrpc.test.transport.clients-to-local-server}). Only when the application runs a server; turn it off
     * to point clients at stub servers the test starts itself.
     *
     * @return {@code true} by default
     */
    @PropertyMapping("bjsonrpc.test.transport.clients-to-local-server")
    boolean clientsToLocalServer() default true;
}

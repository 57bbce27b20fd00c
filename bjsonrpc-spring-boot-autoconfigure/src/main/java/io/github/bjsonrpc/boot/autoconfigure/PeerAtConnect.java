package io.github.bjsonrpc.boot.autoconfigure;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

import org.springframework.core.env.Environment;

/**
 * The address of a client's peer whose {@code host} or {@code port} is a placeholder known only once the application
 * runs, such as {@code ${local.bjsonrpc.server.port}}: resolved against the environment at each connection attempt.
 */
final class PeerAtConnect implements Supplier<InetSocketAddress> {

    private final Environment environment;
    private final String prefix;
    private final String host;
    private final String port;

    PeerAtConnect(Environment environment, String prefix, String host, String port) {
        this.environment = environment;
        this.prefix = prefix;
        this.host = host;
        this.port = port;
    }

    @Override
    public InetSocketAddress get() {
        String resolvedHost = resolve(prefix + ".host", host);
        String resolvedPort = resolve(prefix + ".port", port);
        return InetSocketAddress.createUnresolved(resolvedHost,
            BjsonRpcProperties.Client.portNumber(prefix + ".port", resolvedPort));
    }

    private String resolve(String property, String value) {
        try {
            return environment.resolveRequiredPlaceholders(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is '" + value + "', which cannot be resolved yet ("
                + e.getMessage() + ")", e);
        }
    }
}

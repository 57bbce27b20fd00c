package io.github.bjsonrpc.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Reconnect;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.ConnectionEvents;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.client.BjsonRpcClientFactory;

/** Builds each configured client from its {@code bjsonrpc.clients.<name>.*} properties. */
final class PropertiesBjsonRpcClientFactory implements BjsonRpcClientFactory {

    private final BjsonRpcProperties properties;
    private final BjsonRpcServices services;
    private final BjsonRpcHandlerExecutor executor;
    private final @Nullable SslBundles sslBundles;
    private final List<BjsonRpcClientCustomizer> customizers;
    private final ApplicationEventPublisher publisher;
    private final BjsonRpcConnections connections;
    private final Environment environment;

    PropertiesBjsonRpcClientFactory(BjsonRpcProperties properties, BjsonRpcServices services, BjsonRpcHandlerExecutor executor,
            @Nullable SslBundles sslBundles, List<BjsonRpcClientCustomizer> customizers, ApplicationEventPublisher publisher,
            BjsonRpcConnections connections, Environment environment) {
        this.environment = environment;
        this.connections = connections;
        this.properties = properties;
        this.services = services;
        this.executor = executor;
        this.sslBundles = sslBundles;
        this.customizers = customizers;
        this.publisher = publisher;
    }

    @Override
    public BjsonRpcClient create(String name) {
        BjsonRpcProperties.Client client = properties.getClients().get(name);
        if (client == null) {
            throw new IllegalStateException("No bjsonrpc.clients." + name + " is configured");
        }
        String prefix = "bjsonrpc.clients." + name;
        BjsonRpcProperties.ClientReconnect reconnect = client.getReconnect();
        BjsonRpcClient.Builder builder = peer(prefix, client)
            .name(name)
            .handlerFactory(services.clientHandlers(name))
            .addConnectionListener(connections.forClient(name))
            .addConnectionListener(new ConnectionEvents(publisher, executor.executor(), name));
        try {
            builder.options(ConnectionSettingsMapper.options(prefix, client, executor.executor(),
                    services.clientInlineMethods(name)).toBuilder()
                    .connectTimeout(client.getConnectTimeout()).build())
                .reconnect(new Reconnect(reconnect.isEnabled(), reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                    reconnect.getMultiplier()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Invalid " + prefix + ".* settings: " + e.getMessage(), e);
        }
        String bundle = client.getSsl().getBundle();
        if (bundle != null) {
            builder.sslContext(SslContexts.client(sslBundles, bundle, prefix + ".ssl.bundle"));
        }
        customizers.forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    /** The peer's fixed address, or one resolved at each connection attempt when it holds a placeholder. */
    private BjsonRpcClient.Builder peer(String prefix, BjsonRpcProperties.Client client) {
        String host = client.getHost();
        String port = client.getPort();
        if (!Placeholders.in(host) && !Placeholders.in(port)) {
            return BjsonRpcClient.builder(host, BjsonRpcProperties.Client.portNumber(prefix + ".port", port));
        }
        // until the first attempt, the client shows the address as configured
        return BjsonRpcClient.builder(host, Placeholders.in(port) ? 0 : Integer.parseInt(port.trim()))
            .peer(new PeerAtConnect(environment, prefix, host, port));
    }
}

package io.github.bjsonrpc.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.PeerAddress;
import io.github.bjsonrpc.PeerList;
import io.github.bjsonrpc.Reconnect;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.ConnectionEvents;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.client.BjsonRpcClientFactory;
import io.github.bjsonrpc.boot.client.DiscoveredPeers;

/** Builds each configured client from its {@code bjsonrpc.clients.<name>.*} properties. */
final class PropertiesBjsonRpcClientFactory implements BjsonRpcClientFactory {

    private final BjsonRpcProperties properties;
    private final BjsonRpcServices services;
    private final BjsonRpcHandlerExecutor executor;
    private final BjsonRpcJsonMapper jsonMapper;
    private final @Nullable SslBundles sslBundles;
    private final List<BjsonRpcClientCustomizer> customizers;
    private final ApplicationEventPublisher publisher;
    private final BjsonRpcConnections connections;
    private final Environment environment;
    private final DiscoveredPeers discovered;

    PropertiesBjsonRpcClientFactory(BjsonRpcProperties properties, BjsonRpcServices services,
            BjsonRpcHandlerExecutor executor, BjsonRpcJsonMapper jsonMapper, @Nullable SslBundles sslBundles,
            List<BjsonRpcClientCustomizer> customizers, ApplicationEventPublisher publisher,
            BjsonRpcConnections connections, Environment environment, DiscoveredPeers discovered) {
        this.jsonMapper = jsonMapper;
        this.environment = environment;
        this.discovered = discovered;
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
                    jsonMapper.jsonMapper(), services.clientInlineMethods(name)).toBuilder()
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

    /**
     * A client over the instances of {@code addresses} or {@code service-id} (then {@code host} and {@code port} are
     * not used); otherwise of one peer, at a fixed address, or one resolved at each connection attempt when it
     * holds a placeholder.
     */
    private BjsonRpcClient.Builder peer(String prefix, BjsonRpcProperties.Client client) {
        PeerList instances = instances(prefix, client);
        if (instances != null) {
            try {
                return BjsonRpcClient.builder(instances).connectionsPerPeer(client.getConnectionsPerInstance())
                    .balancing(client.getBalancing());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Invalid " + prefix + ".* settings: " + e.getMessage(), e);
            }
        }
        String host = client.getHost();
        String port = client.getPort();
        if (!Placeholders.in(host) && !Placeholders.in(port)) {
            return BjsonRpcClient.builder(host, BjsonRpcProperties.Client.portNumber(prefix + ".port", port));
        }
        // until the first attempt, the client shows the address as configured
        return BjsonRpcClient.builder(host, Placeholders.in(port) ? 0 : Integer.parseInt(port.trim()))
            .peer(new PeerAtConnect(environment, prefix, host, port));
    }

    /** The instances of {@code addresses} or {@code service-id}, or {@code null} for a client of one peer. */
    private @Nullable PeerList instances(String prefix, BjsonRpcProperties.Client client) {
        List<String> addresses = client.getAddresses();
        String serviceId = client.getServiceId();
        if (addresses.isEmpty() && serviceId == null) {
            return null;
        }
        if (!addresses.isEmpty() && serviceId != null) {
            throw new IllegalStateException(prefix + ".addresses and " + prefix + ".service-id are both set: the "
                + "instances come from one or the other");
        }
        if (serviceId != null) {
            return discovered.peers(prefix.substring("bjsonrpc.clients.".length()), serviceId,
                client.getRefreshInterval());
        }
        List<PeerAddress> parsed = new ArrayList<>();
        for (String address : addresses) {
            try {
                parsed.add(PeerAddress.parse(address));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Invalid " + prefix + ".addresses: " + e.getMessage(), e);
            }
        }
        return PeerList.of(parsed);
    }
}

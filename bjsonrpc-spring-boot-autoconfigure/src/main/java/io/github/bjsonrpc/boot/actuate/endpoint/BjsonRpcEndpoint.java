package io.github.bjsonrpc.boot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionStats;
import io.github.bjsonrpc.HandlerGroup;
import io.github.bjsonrpc.PeerState;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * The {@code bjsonrpc} Actuator endpoint. Reading it shows the server, the services and the methods each side
 * publishes, the configured clients, and every open connection: peer, role, age, requests in flight and queued,
 * pending requests, open pipes, bytes, handler beans and remote objects. Writing to
 * {@code /actuator/bjsonrpc/{id}} closes one connection; that needs {@code management.endpoint.bjsonrpc.access=
 * unrestricted}, since the endpoint is read-only by default.
 */
@Endpoint(id = "bjsonrpc", defaultAccess = Access.READ_ONLY)
public class BjsonRpcEndpoint {

    private final @Nullable BjsonRpcServerLifecycle server;
    private final BjsonRpcServices services;
    private final BjsonRpcConnections connections;
    private final ObjectProvider<BjsonRpcClient> clients;

    /**
     * @param server the auto-configured server, or {@code null} if it is disabled
     * @param services the published services
     * @param connections the open connections
     * @param clients the client beans, in the order they are configured
     */
    public BjsonRpcEndpoint(@Nullable BjsonRpcServerLifecycle server, BjsonRpcServices services,
            BjsonRpcConnections connections, ObjectProvider<BjsonRpcClient> clients) {
        this.server = server;
        this.services = services;
        this.connections = connections;
        this.clients = clients;
    }

    /** The whole picture. */
    @ReadOperation
    public Report report() {
        BjsonRpcServer running = server == null ? null : server.server();
        ServerReport serverReport = new ServerReport(running != null,
            running == null ? null : running.address().getHostString() + ":" + running.port(),
            services.serverMethods());
        List<ClientReport> clientReports = new ArrayList<>();
        clients.stream().forEach(client -> {
            Throwable error = client.lastError();
            clientReports.add(new ClientReport(client.name(), client.host() + ":" + client.port(),
                client.state().name(), error == null ? null : error.getMessage(), client.nextAttempt(),
                services.clientMethods(client.name()), instances(client)));
        });
        List<ConnectionReport> open = new ArrayList<>();
        Instant now = Instant.now();
        for (BjsonRpcConnections.Live live : connections.all()) {
            open.add(describe(live, now));
        }
        return new Report(serverReport, clientReports, open);
    }

    /**
     * Closes one connection: its pending requests fail, its services are closed.
     *
     * @param id the connection's id, as the read operation lists it
     * @return whether an open connection had that id
     */
    @WriteOperation
    public Map<String, Object> close(@Selector long id) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("closed", connections.find(id).map(connection -> {
            connection.close();
            return true;
        }).orElse(false));
        return result;
    }

    private static ConnectionReport describe(BjsonRpcConnections.Live live, Instant now) {
        Connection connection = live.connection();
        ConnectionStats stats = connection.stats();
        return new ConnectionReport(connection.id(), connection.role().name().toLowerCase(java.util.Locale.ROOT),
            live.clientName(), String.valueOf(connection.remoteAddress()), connection.openedAt(),
            Duration.between(connection.openedAt(), now).toSeconds(), stats.inFlightRequests(),
            stats.queuedRequests(), stats.pendingRequests(), stats.openPipes(), stats.bytesIn(), stats.bytesOut(),
            handlerTypes(connection.handler()), stats.remoteObjects(), stats.droppedLines());
    }

    private static List<InstanceReport> instances(BjsonRpcClient client) {
        List<InstanceReport> instances = new ArrayList<>();
        for (PeerState state : client.instances()) {
            Throwable error = state.lastError();
            instances.add(new InstanceReport(state.address().toString(), state.state().name(), state.connections(),
                error == null ? null : error.getMessage(), state.nextAttempt()));
        }
        return instances;
    }

    private static List<String> handlerTypes(Object handler) {
        List<String> types = new ArrayList<>();
        if (handler instanceof HandlerGroup group) {
            group.members().forEach(member -> types.add(member.getClass().getName()));
        } else if (handler != null) {
            types.add(handler.getClass().getName());
        }
        return types;
    }

    /**
     * Everything the endpoint shows.
     *
     * @param server the server
     * @param clients the configured clients
     * @param connections the open connections, oldest first
     */
    public record Report(ServerReport server, List<ClientReport> clients, List<ConnectionReport> connections) {
    }

    /**
     * The server.
     *
     * @param listening whether it is bound
     * @param address where it listens
     * @param services the methods the server's connections publish, by service bean
     */
    public record ServerReport(boolean listening, @Nullable String address, Map<String, List<String>> services) {
    }

    /**
     * One configured client.
     *
     * @param name its name
     * @param peer the peer's host and port
     * @param state connected or not
     * @param lastError why the last attempt to connect failed
     * @param nextReconnect when it tries again
     * @param services the methods its connections publish, by service bean
     * @param instances each instance it connects to (the one peer, or each of its addresses or service), with the
     *        client's connections to it
     */
    public record ClientReport(String name, String peer, String state, @Nullable String lastError,
            @Nullable Instant nextReconnect,
            Map<String, List<String>> services, List<InstanceReport> instances) {
    }

    /**
     * One instance a client connects to.
     *
     * @param address its host and port
     * @param state connected while at least one of the client's connections to it is
     * @param connections the client's open connections to it
     * @param lastError why the last attempt to connect to it failed
     * @param nextReconnect when the client tries it again
     */
    public record InstanceReport(String address, String state, int connections, @Nullable String lastError,
            @Nullable Instant nextReconnect) {
    }

    /**
     * One open connection.
     *
     * @param id its id, for the write operation
     * @param role {@code accepted} or {@code initiated}
     * @param client the configured client that opened it, or {@code null}
     * @param peer the peer's address
     * @param openedAt when it opened
     * @param ageSeconds how long it has been open
     * @param inFlight requests of the peer in flight: running, waiting on the peer, or answering later
     * @param queued requests of the peer waiting
     * @param pending requests sent from here waiting for replies
     * @param openPipes pipes opened from here
     * @param bytesIn bytes read
     * @param bytesOut bytes written
     * @param handlers the classes of its service beans
     * @param remoteObjects the objects exported on it
     * @param dropped lines dropped, by reason
     */
    public record ConnectionReport(long id, String role, @Nullable String client, String peer, Instant openedAt, long ageSeconds,
            int inFlight, int queued, int pending, int openPipes, long bytesIn, long bytesOut, List<String> handlers,
            List<String> remoteObjects, Map<String, Long> dropped) {
    }
}

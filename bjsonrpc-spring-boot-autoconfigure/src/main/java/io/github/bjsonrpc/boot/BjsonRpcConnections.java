package io.github.bjsonrpc.boot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionListener;

/**
 * Every open bjsonrpc connection of the application, accepted by the server or opened by a configured client, for
 * metrics, health and the {@code bjsonrpc} Actuator endpoint.
 */
public class BjsonRpcConnections {

    private static final String SERVER = "";

    private final Map<Connection, String> open = new ConcurrentHashMap<>();

    /**
     * One open connection.
     *
     * @param connection the connection
     * @param clientName the configured client that opened it, or {@code null} if the server accepted it
     */
    public record Live(Connection connection, @Nullable String clientName) {
    }

    /** The open connections, oldest first. */
    public List<Live> all() {
        List<Live> live = new ArrayList<>(open.size());
        open.forEach((connection, client) -> live.add(new Live(connection, client.equals(SERVER) ? null : client)));
        live.sort(Comparator.comparingLong(l -> l.connection().id()));
        return live;
    }

    /**
     * @param id a connection id
     * @return the open connection with that id
     */
    public Optional<Connection> find(long id) {
        return open.keySet().stream().filter(c -> c.id() == id).findFirst();
    }

    /** Tracks the connections the server accepts. */
    public ConnectionListener forServer() {
        return tracker(SERVER);
    }

    /**
     * @param clientName a configured client's name
     * @return what tracks the connections that client opens
     */
    public ConnectionListener forClient(String clientName) {
        return tracker(clientName);
    }

    private ConnectionListener tracker(String key) {
        return new ConnectionListener() {
            @Override
            public void opened(Connection connection) {
                open.put(connection, key);
            }

            @Override
            public void closed(Connection connection) {
                open.remove(connection);
            }
        };
    }
}

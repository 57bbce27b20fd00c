package io.github.bjsonrpc.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import io.github.bjsonrpc.Connection;

/**
 * A bjsonrpc connection opened or closed, whether the server accepted it or a configured client opened it.
 * Published off the I/O threads.
 */
public abstract class BjsonRpcConnectionEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final @Nullable String clientName;

    /**
     * @param connection the connection
     * @param clientName the configured client that opened it, or {@code null} for a connection the server accepted
     */
    protected BjsonRpcConnectionEvent(Connection connection, @Nullable String clientName) {
        super(connection);
        this.clientName = clientName;
    }

    /** The connection. */
    public Connection connection() {
        return (Connection) getSource();
    }

    /** The configured client ({@code bjsonrpc.clients.<name>}) that opened it, or {@code null} for the server. */
    public @Nullable String clientName() {
        return clientName;
    }
}

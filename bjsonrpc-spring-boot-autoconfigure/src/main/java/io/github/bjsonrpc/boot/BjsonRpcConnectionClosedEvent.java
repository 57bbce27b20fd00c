package io.github.bjsonrpc.boot;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;

/** A bjsonrpc connection closed; a configured client then reconnects with backoff if so configured. */
public class BjsonRpcConnectionClosedEvent extends BjsonRpcConnectionEvent {

    private static final long serialVersionUID = 1L;

    /**
     * @param connection the connection
     * @param clientName the configured client that had opened it, or {@code null} for the server
     */
    public BjsonRpcConnectionClosedEvent(Connection connection, @Nullable String clientName) {
        super(connection, clientName);
    }
}

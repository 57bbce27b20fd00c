package io.github.bjsonrpc.boot;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;

/** A bjsonrpc connection opened: accepted by the server, or opened (again) by a configured client. */
public class BjsonRpcConnectionOpenedEvent extends BjsonRpcConnectionEvent {

    private static final long serialVersionUID = 1L;

    /**
     * @param connection the connection
     * @param clientName the configured client that opened it, or {@code null} for the server
     */
    public BjsonRpcConnectionOpenedEvent(Connection connection, @Nullable String clientName) {
        super(connection, clientName);
    }
}

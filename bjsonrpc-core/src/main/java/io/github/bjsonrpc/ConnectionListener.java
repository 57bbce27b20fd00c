package io.github.bjsonrpc;

/**
 * Told when connections open and close, for events, metrics and management. Called on I/O threads: return
 * quickly and never block.
 */
public interface ConnectionListener {

    /** Ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {
    };

    /**
     * A connection is established; its handler may not exist yet.
     *
     * @param connection the new connection
     */
    default void opened(Connection connection) {
    }

    /**
     * A connection has closed; its pending requests have failed.
     *
     * @param connection the closed connection
     */
    default void closed(Connection connection) {
    }

    /**
     * @param first told first
     * @param second told second
     * @return a listener telling both
     */
    static ConnectionListener both(ConnectionListener first, ConnectionListener second) {
        if (first == NONE) {
            return second;
        }
        return new ConnectionListener() {
            @Override
            public void opened(Connection connection) {
                first.opened(connection);
                second.opened(connection);
            }

            @Override
            public void closed(Connection connection) {
                first.closed(connection);
                second.closed(connection);
            }
        };
    }
}

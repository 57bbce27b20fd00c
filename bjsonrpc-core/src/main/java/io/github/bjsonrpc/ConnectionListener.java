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
}

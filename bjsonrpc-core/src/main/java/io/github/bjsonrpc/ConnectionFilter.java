package io.github.bjsonrpc;

/**
 * Decides whether a new connection is served, before its handler is made: by its remote address, or by its TLS
 * peer's {@linkplain Connection#principal() principal} (TLS connections are filtered once their handshake is
 * done). A refused connection is closed at once and counted ({@link RpcObserver#limitReached}, {@code refused}).
 * Called on an I/O thread: decide quickly, never block. A server may have several
 * ({@link BjsonRpcServer.Builder#addConnectionFilter}): a connection is served only if every one accepts it.
 */
@FunctionalInterface
public interface ConnectionFilter {

    /** Accepts every connection. */
    ConnectionFilter ACCEPT_ALL = connection -> true;

    /**
     * @param connection the new connection, not yet served
     * @return whether to serve it
     */
    boolean accept(Connection connection);
}

package io.github.bjsonrpc;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;

/**
 * One bjsonrpc connection, the same type for both roles: whichever side dialled, each peer can call, notify and
 * pipe to the other ({@link RpcTarget}), and each has its own handler, made for this connection by its
 * {@link HandlerFactory}.
 *
 * <p>Requests from the peer start in arrival order and run one at a time by default
 * ({@link ConnectionOptions#maxConcurrency()}), off the I/O threads. Replies to this side's own requests are
 * completed as soon as they arrive, whatever the handler is doing.
 */
public interface Connection extends RpcTarget, AutoCloseable {

    /**
     * The connection whose request the calling thread is handling, or {@code null} outside handler code. Handler
     * code can use it instead of keeping the connection its factory received.
     */
    static Connection current() {
        return TransportProvider.get().currentConnection();
    }

    /** An id unique within this JVM, for logs, metrics and management. */
    long id();

    /** Which side dialled. */
    Role role();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /** This side's address. */
    SocketAddress localAddress();

    /**
     * The peer's TLS identity: the subject of the certificate it presented, on a TLS connection whose peer
     * authenticated; empty otherwise.
     */
    java.util.Optional<java.security.Principal> principal();

    /**
     * Values that belong to this connection for as long as it lives, such as who the peer authenticated as: put by
     * a {@link ConnectionListener}, an {@link RpcInterceptor} or handler code, read by any of them. Thread-safe;
     * empty when the connection opens.
     */
    ConcurrentMap<String, Object> attributes();

    /** When the connection was established. */
    Instant openedAt();

    /** The handler serving this connection, once its factory has made it; {@code null} before or for none. */
    Object handler();

    /** The options this connection runs with. */
    ConnectionOptions options();

    /** A snapshot of the connection's activity: traffic, requests both ways, pipes, remote objects. */
    ConnectionStats stats();

    /** Whether the connection is still open. */
    boolean isOpen();

    /** Completes when the connection has closed and every pending request has been failed. */
    CompletableFuture<Void> closeFuture();

    /**
     * Closes the connection. Nothing is sent to the peer (the protocol has no goodbye); pending requests and pipes
     * fail with {@link ConnectionClosedException}; the handler is closed once if it is {@link AutoCloseable}, after
     * the last of its methods has returned (one waiting on the peer sees the failure first). Closing twice is
     * harmless. New requests fail at once; pending ones fail, and the listeners are told, before the peer can see
     * the connection close.
     */
    @Override
    void close();
}

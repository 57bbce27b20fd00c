package io.github.bjsonrpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection of its own to one instance, for work that keeps state there: what the instance's handler
 * remembers between calls, remote objects, pipes. Opened by {@link BjsonRpcClient#session()}, with the client's
 * handler, options, TLS, listeners and observers; every call goes to that one instance, and no other caller of the
 * client shares the connection, so the state on the instance is this session's alone.
 *
 * <p>A session never moves: once its connection is lost (the instance stopped, or left), {@link #isOpen()} is
 * false, calls in flight fail with {@link ConnectionClosedException}, and so does every later call, saying that
 * the session ended and with which instance. The state it had there is gone: open a new session. Close it when
 * done; closing the client does not close its sessions.
 */
public final class ClientSession implements RpcTarget, AutoCloseable {

    private final String client;
    private final PeerAddress address;
    private final Connection connection;

    private ClientSession(String client, PeerAddress address, Connection connection) {
        this.client = client;
        this.address = address;
        this.connection = connection;
    }

    /**
     * Opens a session, waiting for its connection at most {@code timeout}.
     *
     * @param client the client's name, for messages
     * @param address the instance
     * @param settings the client's settings
     * @param timeout how long to wait
     * @return the open session
     * @throws BjsonRpcException if the instance cannot be reached in time
     */
    static ClientSession open(String client, PeerAddress address, ClientSettings settings, Duration timeout) {
        CompletableFuture<Connection> attempt = settings.connect(address);
        try {
            return new ClientSession(client, address, attempt.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            attempt.thenAccept(Connection::close);
            throw new BjsonRpcException("A session of client '" + client + "' could not connect to " + address
                + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BjsonRpcException("A session of client '" + client + "' could not connect to " + address
                + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.thenAccept(Connection::close);
            throw new BjsonRpcException("Interrupted while a session of client '" + client + "' connects to "
                + address, e);
        }
    }

    /** The instance this session talks to. */
    public PeerAddress address() {
        return address;
    }

    /** The session's connection. */
    public Connection connection() {
        return connection;
    }

    /** Whether the session can still be used: its connection is open. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Completes when the session has ended, closed here or lost. */
    public CompletableFuture<Void> closeFuture() {
        return connection.closeFuture();
    }

    /**
     * A typed view of the instance through this session: see {@link RpcInterfaces#proxy}.
     *
     * @param type an interface describing the peer's methods
     * @param <T> the interface
     * @return a proxy implementing it
     */
    public <T> T as(Class<T> type) {
        return RpcInterfaces.proxy(this, type);
    }

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        try {
            return connection.method(resultType, method, args);
        } catch (ConnectionClosedException e) {
            throw ended(e);
        }
    }

    @Override
    public void notify(String method, Object... args) {
        try {
            connection.notify(method, args);
        } catch (ConnectionClosedException e) {
            throw ended(e);
        }
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        try {
            return connection.pipe(elementType, method, args);
        } catch (ConnectionClosedException e) {
            throw ended(e);
        }
    }

    private ConnectionClosedException ended(ConnectionClosedException cause) {
        return new ConnectionClosedException("The session of client '" + client + "' with " + address
            + " has ended: its connection closed, and the state it held there is gone; open a new session", cause);
    }

    /** Closes the session's connection: its calls in flight fail. Closing twice is harmless. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "ClientSession[" + client + " " + address + (isOpen() ? "" : " ended") + "]";
    }
}

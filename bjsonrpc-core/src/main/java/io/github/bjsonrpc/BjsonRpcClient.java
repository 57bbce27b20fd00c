package io.github.bjsonrpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.ssl.SslContext;

/**
 * A client that keeps one connection to a peer: it connects on first use (or on {@link #connect()}), and when the
 * connection is lost it reconnects with backoff ({@link Reconnect}), with a new handler from the factory each time.
 * The verbs go to the current connection; while there is none, a call tries to connect at once and fails with
 * {@link ConnectionClosedException} if it cannot.
 */
public final class BjsonRpcClient implements RpcTarget, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcClient.class);

    /** Where a client stands. */
    public enum State {
        /** Not connected; a reconnect may be scheduled. */
        DISCONNECTED,
        /** Connected. */
        CONNECTED,
        /** Closed for good. */
        CLOSED
    }

    private final String name;
    private final String host;
    private final int port;
    private final HandlerFactory handlerFactory;
    private final ConnectionOptions options;
    private final SslContext sslContext;
    private final Reconnect reconnect;
    private final ConnectionListener listener;
    private final RpcObserver observer;

    private volatile Connection connection;
    private volatile State state = State.DISCONNECTED;
    private volatile Throwable lastError;
    private volatile Instant nextAttempt;
    private Duration delay;
    private Future<?> scheduled;

    private BjsonRpcClient(Builder builder) {
        this.name = builder.name;
        this.host = builder.host;
        this.port = builder.port;
        this.handlerFactory = builder.handlerFactory;
        this.options = builder.options;
        this.sslContext = builder.sslContext;
        this.reconnect = builder.reconnect;
        this.listener = builder.listener;
        this.observer = builder.observer;
        this.delay = reconnect.initialDelay();
    }

    /**
     * @param host the peer's host
     * @param port the peer's port
     * @return a client to configure
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Connects now if not connected.
     *
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached (a reconnect is then scheduled, if enabled)
     * @throws IllegalStateException if the client is closed
     */
    public synchronized Connection connect() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Client '" + name + "' is closed");
        }
        Connection current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        cancelScheduled();
        try {
            Connection made = TransportProvider.get().connect(host, port, handlerFactory, options, sslContext,
                new Tracker(), observer);
            connection = made;
            state = State.CONNECTED;
            lastError = null;
            nextAttempt = null;
            delay = reconnect.initialDelay();
            return made;
        } catch (RuntimeException e) {
            lastError = e;
            scheduleReconnect();
            throw e;
        }
    }

    /**
     * The current connection, connecting first if there is none.
     *
     * @return the open connection
     * @throws ConnectionClosedException if the peer cannot be reached now
     */
    public Connection connection() {
        Connection current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        try {
            return connect();
        } catch (BjsonRpcException e) {
            throw new ConnectionClosedException("Client '" + name + "' is not connected to " + host + ":" + port
                + ": " + e.getMessage());
        }
    }

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        return connection().method(resultType, method, args);
    }

    @Override
    public void notify(String method, Object... args) {
        connection().notify(method, args);
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        return connection().pipe(elementType, method, args);
    }

    /**
     * A typed view: see {@link RpcInterfaces#proxy}. It follows reconnections.
     *
     * @param type an interface describing the peer's methods
     * @param <T> the interface
     * @return a proxy implementing it
     */
    public <T> T as(Class<T> type) {
        return RpcInterfaces.proxy(this, type);
    }

    /** The client's name, for logs and management. */
    public String name() {
        return name;
    }

    /** The peer's host. */
    public String host() {
        return host;
    }

    /** The peer's port. */
    public int port() {
        return port;
    }

    /** Where the client stands. */
    public State state() {
        Connection current = connection;
        return state == State.CONNECTED && (current == null || !current.isOpen()) ? State.DISCONNECTED : state;
    }

    /** Why the last connection attempt failed, or {@code null} since the last success. */
    public Throwable lastError() {
        return lastError;
    }

    /** When the next reconnect attempt is due, or {@code null} if none is scheduled. */
    public Instant nextAttempt() {
        return nextAttempt;
    }

    /** Closes the connection and stops reconnecting. Closing twice is harmless. */
    @Override
    public void close() {
        Connection current;
        synchronized (this) {
            state = State.CLOSED;
            cancelScheduled();
            current = connection;
            connection = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private synchronized void scheduleReconnect() {
        if (!reconnect.enabled() || state == State.CLOSED || scheduled != null) {
            return;
        }
        Duration wait = delay;
        delay = reconnect.next(delay);
        nextAttempt = Instant.now().plus(wait);
        scheduled = TransportProvider.get().schedule(() -> executor().execute(this::attempt), wait);
    }

    private Executor executor() {
        return TransportProvider.get().handlerExecutor(options);
    }

    private void attempt() {
        synchronized (this) {
            scheduled = null;
            if (state == State.CLOSED) {
                return;
            }
        }
        try {
            connect();
            log.info("Client '{}' reconnected to {}:{}", name, host, port);
        } catch (RuntimeException e) {
            log.debug("Client '{}' could not reconnect to {}:{}: {}", name, host, port, e.getMessage());
        }
    }

    private void cancelScheduled() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
            nextAttempt = null;
        }
    }

    /** Passes events on and notices a lost connection. */
    private final class Tracker implements ConnectionListener {
        @Override
        public void opened(Connection opened) {
            listener.opened(opened);
        }

        @Override
        public void closed(Connection closed) {
            listener.closed(closed);
            // off the I/O thread: connect() holds the lock while it waits for an I/O thread
            executor().execute(() -> lost(closed));
        }

        private void lost(Connection closed) {
            synchronized (BjsonRpcClient.this) {
                if (closed != connection || state == State.CLOSED) {
                    return;
                }
                connection = null;
                state = State.DISCONNECTED;
            }
            log.warn("Client '{}' lost its connection to {}:{}", name, host, port);
            scheduleReconnect();
        }
    }

    @Override
    public String toString() {
        return "BjsonRpcClient[" + name + " " + host + ":" + port + " " + state() + "]";
    }

    /** Configures a client. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private final String host;
        private final int port;
        private String name;
        private Reconnect reconnect = Reconnect.defaults();

        @Override
        boolean serverSide() {
            return false;
        }

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.name = host + ":" + port;
        }

        /**
         * @param name the client's name (default {@code host:port})
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }




        /**
         * @param reconnect when to try again after losing the connection (default {@link Reconnect#defaults()})
         * @return this builder
         */
        public Builder reconnect(Reconnect reconnect) {
            this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }



        /** The client, not yet connected. */
        public BjsonRpcClient build() {
            return new BjsonRpcClient(this);
        }
    }
}

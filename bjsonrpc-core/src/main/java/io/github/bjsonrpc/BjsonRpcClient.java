package io.github.bjsonrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.handler.ssl.SslContext;

/**
 * A client that keeps one connection to a peer: it connects on first use (or on {@link #connect()}), and when the
 * connection is lost, or an attempt fails, it tries again with backoff ({@link Reconnect}), with a new handler from
 * the factory each time. The verbs go to the current connection; while there is none, a call tries to connect at
 * once and fails with {@link ConnectionClosedException} if it cannot.
 *
 * <p>There is at most one connection attempt in flight: every caller of {@link #connect(Duration)} (and every
 * scheduled reconnect) shares it, and each caller waits for it at most its own timeout. An attempt over TLS ends
 * when the handshake does: a peer whose certificate is not trusted fails the attempt, with the reason.
 *
 * <p><b>Several instances.</b> A client built over a {@link PeerList} ({@link #builder(PeerList)}) keeps
 * connections to every instance of the list, each reconnecting with backoff, and gives each call a connected one by
 * its {@link Balancing}: see {@link PeerPool}'s rules, summed up in {@link Builder#balancing}. It is CONNECTED while
 * at least one instance is. For work that keeps state on an instance, open a {@link #session()}.
 */
public final class BjsonRpcClient implements RpcTarget, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcClient.class);

    /** Where a client stands. */
    public enum State {
        /** Not connected; a connection attempt may be in flight, or a reconnect scheduled. */
        DISCONNECTED,
        /** Connected. */
        CONNECTED,
        /** Closed for good. */
        CLOSED
    }

    private final String name;
    private final Supplier<InetSocketAddress> peer;
    private volatile String host;
    private volatile int port;
    private final HandlerFactory handlerFactory;
    private final ConnectionOptions options;
    private final SslContext sslContext;
    private final Reconnect reconnect;
    private final ConnectionListener listener;
    private final RpcObserver observer;
    private final PeerPool pool;

    // written under the client's lock; volatile where read without it
    private volatile Connection connection;
    private volatile State state = State.DISCONNECTED;
    private volatile Throwable lastError;
    private volatile Instant nextAttempt;
    private CompletableFuture<Connection> attempt;
    private Duration delay;
    private Future<?> scheduled;
    private boolean everConnected;

    private BjsonRpcClient(Builder builder) {
        this.name = builder.name;
        this.host = builder.host;
        this.port = builder.port;
        this.peer = builder.peer;
        this.handlerFactory = builder.handlerFactory;
        this.options = builder.connectionOptions();
        this.sslContext = builder.sslContext;
        this.reconnect = builder.reconnect;
        this.listener = builder.listener;
        this.observer = builder.observer;
        this.delay = reconnect.initialDelay();
        this.pool = builder.peers == null ? null : new PeerPool(name, builder.peers, settings(),
            builder.connectionsPerPeer, builder.balancing);
    }

    private ClientSettings settings() {
        return new ClientSettings(handlerFactory, options, sslContext, listener, observer, reconnect);
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
     * A client over several instances: it connects to each instance of {@code peers}, follows the list as it
     * changes, and spreads its calls over the connected ones.
     *
     * @param peers the instances
     * @return a client to configure
     */
    public static Builder builder(PeerList peers) {
        return new Builder(peers);
    }

    /**
     * Connects now if not connected, waiting at most {@link ConnectionOptions#connectTimeout()}: see
     * {@link #connect(Duration)}.
     *
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached, or the TLS handshake fails (a reconnect is then
     *         scheduled, if enabled), or the attempt does not end in time
     * @throws IllegalStateException if the client is closed
     */
    public Connection connect() {
        return connect(options.connectTimeout());
    }

    /**
     * Connects now if not connected. If an attempt is already in flight this caller waits for it rather than
     * starting another; a caller whose timeout runs out stops waiting, and the attempt goes on for the others.
     *
     * @param timeout how long this caller waits at most
     * @return the open connection, its TLS handshake done
     * @throws BjsonRpcException if the peer cannot be reached, or the TLS handshake fails (a reconnect is then
     *         scheduled, if enabled), or the attempt does not end within {@code timeout}
     * @throws IllegalStateException if the client is closed
     */
    public Connection connect(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (pool != null) {
            return pool.connect(timeout);
        }
        CompletableFuture<Connection> current = currentAttempt();
        try {
            return current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BjsonRpcException("Client '" + name + "' could not connect to " + host + ":" + port
                + " within " + timeout.toMillis() + " ms; the attempt goes on");
        } catch (ExecutionException e) {
            throw new BjsonRpcException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BjsonRpcException("Interrupted while client '" + name + "' connects to " + host + ":" + port,
                e);
        }
    }

    /** The open connection, or the attempt in flight, or a new attempt. */
    private synchronized CompletableFuture<Connection> currentAttempt() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Client '" + name + "' is closed");
        }
        Connection current = connection;
        if (current != null && current.isOpen()) {
            return CompletableFuture.completedFuture(current);
        }
        if (attempt != null) {
            return attempt;
        }
        cancelScheduled();
        CompletableFuture<Connection> started = new CompletableFuture<>();
        attempt = started;
        CompletableFuture<? extends Connection> made;
        try {
            if (peer != null) {
                InetSocketAddress address = peer.get();
                host = address.getHostString();
                port = address.getPort();
            }
            made = TransportProvider.get().connectAsync(host, port, handlerFactory, options, sslContext, listener,
                observer);
        } catch (RuntimeException e) {
            made = CompletableFuture.failedFuture(e);
        }
        made.whenComplete((connected, failure) -> settle(started, connected,
            failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure));
        return started;
    }

    /** Starts an attempt, or joins the one in flight; completed at once when connected. */
    CompletableFuture<Connection> connectAsync() {
        return currentAttempt();
    }

    /** The open connection, or {@code null}; never connects. */
    Connection openConnection() {
        Connection current = connection;
        return current != null && current.isOpen() ? current : null;
    }

    /** An attempt ended: keep its connection, or schedule the next attempt; then tell its callers. */
    private void settle(CompletableFuture<Connection> started, Connection made, Throwable failure) {
        boolean closed;
        boolean reconnected = false;
        boolean newReason = false;
        synchronized (this) {
            if (attempt == started) {
                attempt = null;
            }
            closed = state == State.CLOSED;
            if (!closed && failure == null) {
                connection = made;
                state = State.CONNECTED;
                lastError = null;
                delay = reconnect.initialDelay();
                reconnected = everConnected;
                everConnected = true;
            } else if (!closed) {
                newReason = lastError == null || !Objects.equals(lastError.getMessage(), failure.getMessage());
                lastError = failure;
                scheduleReconnect();
            }
        }
        if (closed) {
            if (made != null) {
                made.close();
            }
            started.completeExceptionally(new ConnectionClosedException("Client '" + name + "' is closed"));
        } else if (failure != null) {
            // the same reason again is no news: told once at WARN
            String next = nextAttempt != null ? "; next attempt at " + nextAttempt : "";
            if (newReason) {
                log.warn("Client '{}' could not connect: {}{}", name, failure.getMessage(), next);
            } else {
                log.debug("Client '{}' could not connect: {}{}", name, failure.getMessage(), next);
            }
            started.completeExceptionally(failure);
        } else {
            if (reconnected) {
                log.info("Client '{}' reconnected to {}:{}", name, host, port);
            }
            // whoever closes it, and however: a listener that throws cannot keep the client from noticing
            made.closeFuture().whenComplete((ignored, e) -> lost(made));
            started.complete(made);
        }
    }

    private void lost(Connection closed) {
        synchronized (this) {
            if (closed != connection || state == State.CLOSED) {
                return;
            }
            connection = null;
            state = State.DISCONNECTED;
            scheduleReconnect();
        }
        log.warn("Client '{}' lost its connection to {}:{}", name, host, port);
    }

    /**
     * The current connection, connecting first if there is none.
     *
     * @return the open connection
     * @throws ConnectionClosedException if the peer cannot be reached now
     */
    public Connection connection() {
        if (pool != null) {
            return pool.connection();
        }
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
        if (pool != null) {
            return pool.send(c -> c.method(resultType, method, args));
        }
        return connection().method(resultType, method, args);
    }

    @Override
    public void notify(String method, Object... args) {
        if (pool != null) {
            pool.send(c -> {
                c.notify(method, args);
                return null;
            });
            return;
        }
        connection().notify(method, args);
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        if (pool != null) {
            return pool.send(c -> c.pipe(elementType, method, args));
        }
        return connection().pipe(elementType, method, args);
    }

    /**
     * Calls and waits; over several instances, a call that an instance refused because it had begun shutting down
     * (it did not run there) is sent to another.
     */
    @Override
    public Object call(String method, Object... args) {
        return call(Object.class, method, args);
    }

    /**
     * Calls and waits; over several instances, a call that an instance refused because it had begun shutting down
     * (it did not run there) is sent to another.
     */
    @Override
    public <T> T call(Class<T> resultType, String method, Object... args) {
        if (pool != null) {
            return pool.call(c -> c.method(resultType, method, args), Request::value);
        }
        return method(resultType, method, args).value();
    }

    /**
     * Calls and waits at most {@code timeout}; over several instances, a call that an instance refused because it
     * had begun shutting down (it did not run there) is sent to another.
     */
    @Override
    public <T> T call(Duration timeout, Class<T> resultType, String method, Object... args) {
        if (pool != null) {
            return pool.call(c -> c.method(resultType, method, args), request -> request.value(timeout));
        }
        return method(resultType, method, args).value(timeout);
    }

    /**
     * Opens a session: a connection of its own to one instance (over several, one connected now, chosen by the
     * balancing), for work that keeps state there. See {@link ClientSession}.
     *
     * @return the open session; close it when done
     * @throws ConnectionClosedException if no instance can be reached
     * @throws BjsonRpcException if the session's connection cannot be made in time
     * @throws IllegalStateException if the client is closed
     */
    public ClientSession session() {
        if (pool != null) {
            return pool.session();
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("Client '" + name + "' is closed");
        }
        PeerAddress address;
        if (peer != null) {
            InetSocketAddress resolved = peer.get();
            address = new PeerAddress(resolved.getHostString(), resolved.getPort());
        } else {
            address = new PeerAddress(host, port);
        }
        return ClientSession.open(name, address, settings(), options.connectTimeout());
    }

    /**
     * The instances this client connects to, and how each stands: one for a client of one peer, each of the list
     * for a client over several.
     */
    public List<PeerState> instances() {
        if (pool != null) {
            return pool.instances();
        }
        return List.of(new PeerState(new PeerAddress(host.isBlank() ? "?" : host, port), state(),
            openConnection() == null ? 0 : 1, lastError, nextAttempt));
    }

    /** The instances of a client over several ({@link #builder(PeerList)}), or {@code null} for one peer. */
    public PeerList peers() {
        return pool == null ? null : pool.peers();
    }

    /**
     * A typed view: see {@link RpcInterfaces#proxy}. It follows reconnections.
     *
     * @param type an interface describing the peer's methods
     * @param <T> the interface
     * @return a proxy implementing it
     */
    public <T> T as(Class<T> type) {
        return RpcInterfaces.proxy(IdempotentCalls.over(this, type), type);
    }

    /** The client's name, for logs and management. */
    public String name() {
        return name;
    }

    /**
     * The peer's host: of the latest connection attempt when the address is asked for ({@link Builder#peer}); of
     * the first instance over several (empty while the list is).
     */
    public String host() {
        if (pool != null) {
            List<PeerAddress> listed = pool.peers().addresses();
            return listed.isEmpty() ? "" : listed.get(0).host();
        }
        return host;
    }

    /**
     * The peer's port: of the latest connection attempt when the address is asked for ({@link Builder#peer}); of
     * the first instance over several (0 while the list is empty).
     */
    public int port() {
        if (pool != null) {
            List<PeerAddress> listed = pool.peers().addresses();
            return listed.isEmpty() ? 0 : listed.get(0).port();
        }
        return port;
    }

    /** Where the client stands. */
    public State state() {
        if (pool != null) {
            return pool.state();
        }
        Connection current = connection;
        return state == State.CONNECTED && (current == null || !current.isOpen()) ? State.DISCONNECTED : state;
    }

    /** Why the last connection attempt failed, or {@code null} since the last success. */
    public Throwable lastError() {
        if (pool != null) {
            return pool.lastError();
        }
        return lastError;
    }

    /** When the next reconnect attempt is due, or {@code null} if none is scheduled. */
    public Instant nextAttempt() {
        if (pool != null) {
            return pool.nextAttempt();
        }
        return nextAttempt;
    }

    /**
     * Closes the connection and stops reconnecting; callers waiting for an attempt fail. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (pool != null) {
            state = State.CLOSED;
            pool.close();
            return;
        }
        Connection current;
        CompletableFuture<Connection> inFlight;
        synchronized (this) {
            state = State.CLOSED;
            cancelScheduled();
            current = connection;
            connection = null;
            inFlight = attempt;
            attempt = null;
        }
        if (inFlight != null) {
            inFlight.completeExceptionally(new ConnectionClosedException("Client '" + name + "' is closed"));
        }
        if (current != null) {
            current.close();
        }
    }

    /** Schedules the next attempt, unless one is scheduled already. Called with the client's lock held. */
    private void scheduleReconnect() {
        if (!reconnect.enabled() || state == State.CLOSED || scheduled != null) {
            return;
        }
        Duration wait = delay;
        delay = reconnect.next(delay);
        nextAttempt = Instant.now().plus(wait);
        scheduled = TransportProvider.get().schedule(this::reconnectNow, wait);
    }

    /** Starts an attempt, or joins the one in flight, without waiting for it. */
    private void reconnectNow() {
        synchronized (this) {
            scheduled = null;
            nextAttempt = null;
            if (state == State.CLOSED) {
                return;
            }
            currentAttempt();
        }
    }

    private void cancelScheduled() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
            nextAttempt = null;
        }
    }

    @Override
    public String toString() {
        if (pool != null) {
            return "BjsonRpcClient[" + name + " " + pool + "]";
        }
        return "BjsonRpcClient[" + name + " " + host + ":" + port + " " + state() + "]";
    }

    /** Configures a client. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private final String host;
        private final int port;
        private String name;
        private Reconnect reconnect = Reconnect.defaults();
        private Supplier<InetSocketAddress> peer;
        private final PeerList peers;
        private int connectionsPerPeer = 1;
        private Balancing balancing = Balancing.ROUND_ROBIN;

        @Override
        boolean serverSide() {
            return false;
        }

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.name = host + ":" + port;
            this.peers = null;
        }

        private Builder(PeerList peers) {
            this.peers = Objects.requireNonNull(peers, "peers");
            this.host = "";
            this.port = 0;
            this.name = peers.toString();
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

        /**
         * Asks for the peer's address before each connection attempt, rather than using the host and port given to
         * {@link BjsonRpcClient#builder}: for a peer whose address is known only later, such as a server of the same
         * application bound to a free port. {@link BjsonRpcClient#host()} and {@link BjsonRpcClient#port()} are
         * then those of the latest attempt, and the builder's until the first.
         *
         * @param address gives the peer's address; a failure fails that attempt (a reconnect is then scheduled, if
         *        enabled)
         * @return this builder
         */
        public Builder peer(Supplier<InetSocketAddress> address) {
            if (peers != null) {
                throw new IllegalStateException("A client over a PeerList takes its addresses from the list");
            }
            this.peer = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * How many connections a client over several instances keeps to each; more spread one instance's work over
         * more of its handler threads and of this side's I/O threads.
         *
         * @param count at least 1 (default 1)
         * @return this builder
         * @throws IllegalStateException if the client is not built over a {@link PeerList}
         */
        public Builder connectionsPerPeer(int count) {
            if (peers == null) {
                throw new IllegalStateException("connectionsPerPeer is for a client over a PeerList");
            }
            if (count < 1) {
                throw new IllegalArgumentException("connectionsPerPeer must be at least 1, was " + count);
            }
            this.connectionsPerPeer = count;
            return this;
        }

        /**
         * How a client over several instances chooses the connection of each call. Whatever the choice, a call in
         * flight on a connection that is lost fails with {@link ConnectionClosedException} and is not sent again
         * (it may have run; see {@link Idempotent} for the methods that may); a request that could not leave
         * because its connection had just closed, and one an instance refused as it began shutting down
         * ({@link BjsonRpcServer#SHUTTING_DOWN}, from {@code call}), go to another connection.
         *
         * @param strategy round-robin (default) or least in flight
         * @return this builder
         * @throws IllegalStateException if the client is not built over a {@link PeerList}
         */
        public Builder balancing(Balancing strategy) {
            if (peers == null) {
                throw new IllegalStateException("balancing is for a client over a PeerList");
            }
            this.balancing = Objects.requireNonNull(strategy, "balancing");
            return this;
        }

        /** The client, not yet connected. */
        public BjsonRpcClient build() {
            return new BjsonRpcClient(this);
        }
    }
}

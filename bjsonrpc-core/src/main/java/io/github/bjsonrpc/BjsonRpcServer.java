package io.github.bjsonrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A listening bjsonrpc server: the reference's {@code Server}. It is bound and serving as soon as
 * {@link BjsonRpc#createServer} or {@link Builder#start()} returns; every accepted connection gets its own handler
 * from the factory.
 */
public final class BjsonRpcServer implements AutoCloseable {

    /** How many connections a server accepts at once unless told otherwise. */
    /**
     * The error a request gets when it arrives during a graceful shutdown: it did not run, so a client may send it
     * to another instance ({@link BjsonRpcClient} over a {@link PeerList} does).
     */
    public static final String SHUTTING_DOWN = "Server shutting down: this connection takes no new requests";

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private final TransportProvider.Listener listener;

    private BjsonRpcServer(TransportProvider.Listener listener) {
        this.listener = listener;
    }

    /** A server to configure and start: host, port and handler factory, and optionally options, TLS, listener. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** The bound port: the free port chosen when 0 was asked for. */
    public int port() {
        return listener.address().getPort();
    }

    /** Whether the server still accepts connections. */
    public boolean isRunning() {
        return listener.isOpen();
    }

    /** The connections open now. */
    public List<Connection> connections() {
        return List.copyOf(listener.connections());
    }

    /** Stops accepting new connections; open connections go on. */
    public void stopAccepting() {
        listener.stopAccepting();
    }

    /**
     * Stops accepting, lets the requests already running or queued on every connection finish within
     * {@code grace}, then closes every connection. In flight are also the handlers waiting on their peers, the
     * asynchronous results not yet complete and the pipes still being written. Requests arriving meanwhile are
     * answered {@code Server shutting down: ...} instead of running, unless this side is itself waiting for a reply
     * on that connection (they may be the call-backs it needs); notifications are dropped.
     *
     * @param grace how long in-flight requests and pipes may take
     * @return whether everything in flight finished in time
     */
    public boolean shutdownGracefully(Duration grace) {
        return listener.shutdownGracefully(grace);
    }

    /**
     * Stops accepting and closes every connection at once: their pending requests fail with
     * {@link ConnectionClosedException}, their handlers are closed. Waits at most 10 seconds for the connections to
     * close. Stopping twice is harmless.
     */
    public void stop() {
        listener.close(Duration.ofSeconds(10));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "BjsonRpcServer[" + address() + "]";
    }

    /** Configures a server; {@link #start()} binds it. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private String host = BjsonRpc.DEFAULT_HOST;
        private int port = BjsonRpc.DEFAULT_PORT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private ConnectionFilter filter = ConnectionFilter.ACCEPT_ALL;

        private Builder() {
        }

        @Override
        boolean serverSide() {
            return true;
        }

        /**
         * @param host the address to listen on (default {@value BjsonRpc#DEFAULT_HOST}; {@code 0.0.0.0} for all)
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the port (default {@value BjsonRpc#DEFAULT_PORT}; 0 for a free one)
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }




        /**
         * @param connections how many connections may be open at once (default
         *        {@value BjsonRpcServer#DEFAULT_MAX_CONNECTIONS}); more are closed as they come, and counted
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * @param filter decides which connections are served (default: all), replacing any filter set or added
         * @return this builder
         */
        public Builder connectionFilter(ConnectionFilter filter) {
            this.filter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Adds a filter: a connection is served only if every filter accepts it, asked in the order they were added
         * (the first that refuses decides).
         *
         * @param added decides which connections are served
         * @return this builder
         */
        public Builder addConnectionFilter(ConnectionFilter added) {
            Objects.requireNonNull(added, "filter");
            ConnectionFilter before = filter;
            this.filter = before == ConnectionFilter.ACCEPT_ALL ? added
                : connection -> before.accept(connection) && added.accept(connection);
            return this;
        }



        /**
         * Binds and starts serving.
         *
         * @return the running server
         * @throws BjsonRpcException if the address cannot be bound, saying what to do
         */
        public BjsonRpcServer start() {
            return new BjsonRpcServer(TransportProvider.get().listen(host, port, handlerFactory, connectionOptions(),
                sslContext, listener, observer, maxConnections, filter));
        }
    }
}

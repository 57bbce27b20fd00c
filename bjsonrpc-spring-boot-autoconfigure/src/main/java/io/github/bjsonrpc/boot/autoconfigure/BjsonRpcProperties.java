package io.github.bjsonrpc.boot.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import io.github.bjsonrpc.Balancing;
import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;

/**
 * Configuration of the bjsonrpc server ({@code bjsonrpc.server.*}), of the clients
 * ({@code bjsonrpc.clients.<name>.*}) and of the conversion of their values ({@code bjsonrpc.json.*}).
 */
@ConfigurationProperties("bjsonrpc")
public class BjsonRpcProperties {

    private final Server server = new Server();

    /** Outbound connections, by name: each becomes a BjsonRpcClient bean, injected by that name. */
    private final Map<String, Client> clients = new LinkedHashMap<>();

    private final Json json = new Json();

    /** The server. */
    public Server getServer() {
        return server;
    }

    /** The clients, by name. */
    public Map<String, Client> getClients() {
        return clients;
    }

    /** How the values of the connections are converted. */
    public Json getJson() {
        return json;
    }

    /** How the parameters, results and arguments of the server's and the clients' connections are converted. */
    public static class Json {

        /**
         * Whether the application's Jackson JsonMapper (spring.jackson.*, JacksonModule beans) converts the
         * parameters and results of the services and the arguments and results of the clients. When false, the
         * library's own mapper does.
         */
        private boolean useApplicationMapper = true;

        /** Whether the application's JsonMapper converts the values of the connections. */
        public boolean isUseApplicationMapper() {
            return useApplicationMapper;
        }

        /**
         * @param useApplicationMapper false for the library's own mapper
         */
        public void setUseApplicationMapper(boolean useApplicationMapper) {
            this.useApplicationMapper = useApplicationMapper;
        }
    }

    /** Settings every connection has, whichever side opened it. */
    public abstract static class ConnectionSettings {

        /** Maximum number of the peer's requests that run at once on one connection; they always start in order. */
        private int maxConcurrency = 1;

        /** Maximum length of a line; a longer one is discarded as it arrives. */
        private DataSize maxLineLength = DataSize.ofMegabytes(8);

        /**
         * Maximum time a request to the peer waits for its reply, whether anybody waits for it or not; also how long
         * a pipe's iterator waits for each element. If a duration suffix is not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration callTimeout = Duration.ofSeconds(60);

        /** Maximum number of exported objects live on one connection. */
        private int maxRemoteObjects = 1024;

        /** Maximum number of requests sent from here that wait for their replies on one connection, pipes included. */
        private int maxPendingRequests = 10_000;

        /** Maximum number of pipes opened from here and open at once on one connection. */
        private int maxOpenPipes = 1_000;

        /**
         * Maximum number of the peer's lines needing a reply that wait to start on one connection; reading pauses at
         * half, and lines already read beyond it are answered "Server busy".
         */
        private int maxQueuedRequests = 10_000;

        /**
         * Amount of data waiting to be written to a peer that does not read above which writers wait until the peer
         * reads again (this side goes on reading).
         */
        private DataSize writeHighWaterMark = DataSize.ofMegabytes(1);

        /**
         * Amount of pipe elements waiting for their caller on one connection above which reading pauses until the
         * caller consumes.
         */
        private DataSize maxBufferedPipeBytes = DataSize.ofMegabytes(8);

        /**
         * Time a connection may go without reading or writing before it is closed; 0 for never. If a duration suffix is
         * not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration idleTimeout = Duration.ZERO;

        /**
         * Whether every published method of the services on these connections runs inline, on the connection's event
         * loop with no hand-off to the handler executor; only for services that never block. A service chooses with
         * @BjsonRpcService(inline = true), a method with @Inline.
         */
        private boolean inline;

        /**
         * Time an inline method may run on an event loop before it is reported (a warning with its stack, the
         * inline-time limit counted) and its thread interrupted. If a duration suffix is not specified, seconds will
         * be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration inlineTimeLimit = Duration.ofMillis(500);

        /** How many of the peer's requests may run at once on one connection. */
        public int getMaxConcurrency() {
            return maxConcurrency;
        }

        /**
         * @param maxConcurrency at least 1
         */
        public void setMaxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
        }

        /** The longest line accepted. */
        public DataSize getMaxLineLength() {
            return maxLineLength;
        }

        /**
         * @param maxLineLength at least 64 bytes, at most 2 GB
         */
        public void setMaxLineLength(DataSize maxLineLength) {
            this.maxLineLength = maxLineLength;
        }

        /**
         * How long a request to the peer waits for its reply, whether anybody waits for it or not; also how long a
         * pipe's iterator waits for each element.
         */
        public Duration getCallTimeout() {
            return callTimeout;
        }

        /**
         * @param callTimeout positive
         */
        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        /** How many exported objects may be live on one connection. */
        public int getMaxRemoteObjects() {
            return maxRemoteObjects;
        }

        /**
         * @param maxRemoteObjects at least 1
         */
        public void setMaxRemoteObjects(int maxRemoteObjects) {
            this.maxRemoteObjects = maxRemoteObjects;
        }

        /** How many requests sent from here may wait for replies at once. */
        public int getMaxPendingRequests() {
            return maxPendingRequests;
        }

        /**
         * @param maxPendingRequests at least 1
         */
        public void setMaxPendingRequests(int maxPendingRequests) {
            this.maxPendingRequests = maxPendingRequests;
        }

        /** How many pipes opened from here may be open at once. */
        public int getMaxOpenPipes() {
            return maxOpenPipes;
        }

        /**
         * @param maxOpenPipes at least 1
         */
        public void setMaxOpenPipes(int maxOpenPipes) {
            this.maxOpenPipes = maxOpenPipes;
        }

        /** How many requests of the peer may wait to start. */
        public int getMaxQueuedRequests() {
            return maxQueuedRequests;
        }

        /**
         * @param maxQueuedRequests at least 1
         */
        public void setMaxQueuedRequests(int maxQueuedRequests) {
            this.maxQueuedRequests = maxQueuedRequests;
        }

        /** How much may wait to be written to a peer that does not read. */
        public DataSize getWriteHighWaterMark() {
            return writeHighWaterMark;
        }

        /**
         * @param writeHighWaterMark at least 1KB
         */
        public void setWriteHighWaterMark(DataSize writeHighWaterMark) {
            this.writeHighWaterMark = writeHighWaterMark;
        }

        /** How long a connection may stay silent. */
        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        /**
         * @param idleTimeout zero for never
         */
        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /** Whether every published method of the services runs inline. */
        public boolean isInline() {
            return inline;
        }

        /**
         * @param inline whether every published method of the services runs inline
         */
        public void setInline(boolean inline) {
            this.inline = inline;
        }

        /** How long an inline method may run on an event loop before it is reported and interrupted. */
        public Duration getInlineTimeLimit() {
            return inlineTimeLimit;
        }

        /**
         * @param inlineTimeLimit positive
         */
        public void setInlineTimeLimit(Duration inlineTimeLimit) {
            this.inlineTimeLimit = inlineTimeLimit;
        }

        /** How many bytes of pipe elements may wait for their caller on one connection. */
        public DataSize getMaxBufferedPipeBytes() {
            return maxBufferedPipeBytes;
        }

        /**
         * @param maxBufferedPipeBytes at least 1KB, at most 2GB
         */
        public void setMaxBufferedPipeBytes(DataSize maxBufferedPipeBytes) {
            this.maxBufferedPipeBytes = maxBufferedPipeBytes;
        }
    }

    /** The bjsonrpc server. */
    public static class Server extends ConnectionSettings {

        /**
         * Whether to start the bjsonrpc server. When not set, it starts if the application has a @BjsonRpcService
         * published on the server.
         */
        private @Nullable Boolean enabled;

        /** Network address to listen on; 0.0.0.0 for every interface. */
        private String host = BjsonRpc.DEFAULT_HOST;

        /** Port to listen on; 0 for a free one (local.bjsonrpc.server.port then holds it). */
        private int port = BjsonRpc.DEFAULT_PORT;

        /**
         * Maximum time in-flight calls and pipes may take to finish when the application stops. It must end within
         * spring.lifecycle.timeout-per-shutdown-phase: a longer one is shortened, with a warning. If a duration
         * suffix is not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration shutdownGracePeriod = Duration.ofSeconds(20);

        /** Maximum number of connections open at once; more are closed as they come. */
        private int maxConnections = BjsonRpcServer.DEFAULT_MAX_CONNECTIONS;

        private final ServerSsl ssl = new ServerSsl();

        /** Whether to start the server; {@code null} when not set: then it starts if there is a service to serve. */
        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        /**
         * @param enabled whether to start the server
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /** The address to listen on. */
        public String getHost() {
            return host;
        }

        /**
         * @param host the address to listen on
         */
        public void setHost(String host) {
            this.host = host;
        }

        /** The port to listen on. */
        public int getPort() {
            return port;
        }

        /**
         * @param port 0 to 65535
         */
        public void setPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("bjsonrpc.server.port must be between 0 and 65535 (0 for a free "
                    + "port), was " + port);
            }
            this.port = port;
        }

        /** How long in-flight work may take at shutdown. */
        public Duration getShutdownGracePeriod() {
            return shutdownGracePeriod;
        }

        /**
         * @param shutdownGracePeriod zero or more
         */
        public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = shutdownGracePeriod;
        }

        /** How many connections may be open at once. */
        public int getMaxConnections() {
            return maxConnections;
        }

        /**
         * @param maxConnections at least 1
         */
        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        /** TLS. */
        public ServerSsl getSsl() {
            return ssl;
        }
    }

    /** TLS of the server, from a Spring Boot SSL bundle. */
    public static class ServerSsl {

        /**
         * SSL bundle (spring.ssl.bundle.*) with the server's key and, for client authentication, its trust material;
         * TLS when set.
         */
        private @Nullable String bundle;

        /** Whether clients must present a certificate. */
        private ClientAuth clientAuth = ClientAuth.NONE;

        /** The SSL bundle name, or {@code null} for plain TCP. */
        public @Nullable String getBundle() {
            return bundle;
        }

        /**
         * @param bundle an SSL bundle name
         */
        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        /** Whether clients must present a certificate. */
        public ClientAuth getClientAuth() {
            return clientAuth;
        }

        /**
         * @param clientAuth none, want or need
         */
        public void setClientAuth(ClientAuth clientAuth) {
            this.clientAuth = clientAuth;
        }
    }

    /** Whether a TLS server asks clients for certificates. */
    public enum ClientAuth {
        /** Does not ask. */
        NONE,
        /** Asks, and accepts clients without one. */
        WANT,
        /** Requires one. */
        NEED
    }

    /** One outbound connection. */
    public static class Client extends ConnectionSettings {

        /** Peer's host. */
        private String host = BjsonRpc.DEFAULT_HOST;

        /**
         * Peer's port. A placeholder known only once the application runs, such as ${local.bjsonrpc.server.port} for
         * this application's own server on a free port, is resolved at each connection attempt.
         */
        private String port = String.valueOf(BjsonRpc.DEFAULT_PORT);

        /**
         * Instances of the peer, each host:port, used instead of host and port: the client keeps connections to
         * every one and spreads its calls over those connected.
         */
        private List<String> addresses = new ArrayList<>();

        /**
         * Service whose instances Spring Cloud discovery gives, used instead of host and port: the client keeps
         * connections to every one and follows the service as instances come and go. The port is read from each
         * instance's metadata bjsonrpc-port (or bjsonrpc.port, or Kubernetes' port.bjsonrpc), else its registered
         * port.
         */
        private @Nullable String serviceId;

        /** Number of connections to each instance, with addresses or service-id. */
        private int connectionsPerInstance = 1;

        /** How each call chooses a connected instance, with addresses or service-id. */
        private Balancing balancing = Balancing.ROUND_ROBIN;

        /**
         * Time between two reads of the instances of service-id, besides Spring Cloud's heartbeat events and the
         * reads of a client that has no live connection; 0 for none. If a duration suffix is not specified, seconds
         * will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration refreshInterval = Duration.ofSeconds(30);

        /** Maximum time connecting may take. If a duration suffix is not specified, seconds will be used. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration connectTimeout = Duration.ofSeconds(10);

        /**
         * Whether to connect when the application starts (a failure is logged and retried with backoff) rather than on
         * first use.
         */
        private boolean connectOnStartup;

        /**
         * Whether the application cannot work without this client: its health is then DOWN while it is not connected.
         * Otherwise it reports UP with its state, so that an unreachable downstream does not fail liveness.
         */
        private boolean required;

        private final ClientReconnect reconnect = new ClientReconnect();

        private final ClientSsl ssl = new ClientSsl();

        private final ClientCredentials credentials = new ClientCredentials();

        /** The peer's host. */
        public String getHost() {
            return host;
        }

        /**
         * @param host the peer's host
         */
        public void setHost(String host) {
            this.host = host;
        }

        /** The peer's port: a number, or a placeholder resolved at each connection attempt. */
        public String getPort() {
            return port;
        }

        /**
         * @param port 1 to 65535, or a placeholder such as {@code ${local.bjsonrpc.server.port}}
         */
        public void setPort(String port) {
            if (!Placeholders.in(port)) {
                portNumber("a bjsonrpc client port", port);
            }
            this.port = port;
        }

        /** The instances of the peer, each {@code host:port}; empty for one peer at host and port. */
        public List<String> getAddresses() {
            return addresses;
        }

        /**
         * @param addresses the instances, each {@code host:port}
         */
        public void setAddresses(List<String> addresses) {
            this.addresses = addresses;
        }

        /** The service whose instances discovery gives, or {@code null}. */
        public @Nullable String getServiceId() {
            return serviceId;
        }

        /**
         * @param serviceId a service id known to Spring Cloud discovery
         */
        public void setServiceId(@Nullable String serviceId) {
            this.serviceId = serviceId;
        }

        /** How many connections to keep to each instance. */
        public int getConnectionsPerInstance() {
            return connectionsPerInstance;
        }

        /**
         * @param connectionsPerInstance at least 1
         */
        public void setConnectionsPerInstance(int connectionsPerInstance) {
            this.connectionsPerInstance = connectionsPerInstance;
        }

        /** How each call chooses a connected instance. */
        public Balancing getBalancing() {
            return balancing;
        }

        /**
         * @param balancing round-robin or least-in-flight
         */
        public void setBalancing(Balancing balancing) {
            this.balancing = balancing;
        }

        /** How often the instances of the service are read again. */
        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        /**
         * @param refreshInterval zero for never, besides heartbeat events
         */
        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        /**
         * @param what what the port is, for the message
         * @param port a port number as text
         * @return the number
         * @throws IllegalArgumentException if it is not a port number
         */
        static int portNumber(String what, String port) {
            int number;
            try {
                number = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException(what + " must be between 1 and 65535, or a placeholder such as "
                    + "${local.bjsonrpc.server.port}; was '" + port + "'");
            }
            return number;
        }

        /** How long connecting may take. */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * @param connectTimeout positive
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /** Whether to connect at start-up. */
        public boolean isConnectOnStartup() {
            return connectOnStartup;
        }

        /**
         * @param connectOnStartup whether to connect at start-up rather than on first use
         */
        public void setConnectOnStartup(boolean connectOnStartup) {
            this.connectOnStartup = connectOnStartup;
        }

        /** Whether the application cannot work without this client. */
        public boolean isRequired() {
            return required;
        }

        /**
         * @param required whether its health is DOWN while it is not connected
         */
        public void setRequired(boolean required) {
            this.required = required;
        }

        /** Reconnection. */
        public ClientReconnect getReconnect() {
            return reconnect;
        }

        /** TLS. */
        public ClientSsl getSsl() {
            return ssl;
        }

        /** What the client authenticates with on each connection it opens. */
        public ClientCredentials getCredentials() {
            return credentials;
        }
    }

    /** When a client reconnects after losing its connection: exponential backoff. */
    public static class ClientReconnect {

        /** Whether to reconnect after losing the connection. */
        private boolean enabled = true;

        /** Delay before the first attempt to reconnect. If a duration suffix is not specified, seconds will be used. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration initialDelay = Duration.ofSeconds(1);

        /**
         * Longest delay between two attempts to reconnect. If a duration suffix is not specified, seconds will be used.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration maxDelay = Duration.ofSeconds(30);

        /** Factor by which each delay grows. */
        private double multiplier = 2.0;

        /** Whether to reconnect. */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * @param enabled whether to reconnect
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The first delay. */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /**
         * @param initialDelay positive
         */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /** The longest delay. */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * @param maxDelay at least the initial delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /** How much each delay grows. */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * @param multiplier at least 1
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }
    }

    /** TLS of a client, from a Spring Boot SSL bundle. */
    public static class ClientSsl {

        /**
         * SSL bundle (spring.ssl.bundle.*) whose trust material verifies the server, and whose key serves client
         * authentication; TLS when set.
         */
        private @Nullable String bundle;

        /** The SSL bundle name, or {@code null} for plain TCP. */
        public @Nullable String getBundle() {
            return bundle;
        }

        /**
         * @param bundle an SSL bundle name
         */
        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }

    /** What a client authenticates with, through the server's handshake, as each of its connections opens. */
    public static class ClientCredentials {

        /** User name sent with the handshake as each connection opens (and after each reconnect); none when unset. */
        private @Nullable String username;

        /** Password sent with the user name. */
        private @Nullable String password;

        /** The user name sent, or {@code null} for no handshake. */
        public @Nullable String getUsername() {
            return username;
        }

        /**
         * @param username the user name sent
         */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** The password sent. */
        public @Nullable String getPassword() {
            return password;
        }

        /**
         * @param password the password sent
         */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }
}

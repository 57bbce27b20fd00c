package io.github.bjsonrpc.boot.autoconfigure;

import java.net.BindException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.BjsonRpcServerStartedEvent;
import io.netty.handler.ssl.SslContext;

/**
 * Runs the bjsonrpc server with the application: binds when the context starts, publishes
 * {@link BjsonRpcServerStartedEvent}, and at shutdown stops accepting, lets in-flight calls and pipes finish within
 * {@code bjsonrpc.server.shutdown-grace-period}, then closes the connections.
 */
public class BjsonRpcServerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcServerLifecycle.class);

    private final BjsonRpcProperties.Server properties;
    private final BjsonRpcServices services;
    private final HandlerExecutor executor;
    private final SslContext sslContext;
    private final List<BjsonRpcServerCustomizer> customizers;
    private final ApplicationEventPublisher publisher;
    private final BjsonRpcConnections connections;
    private volatile BjsonRpcServer server;

    BjsonRpcServerLifecycle(BjsonRpcProperties.Server properties, BjsonRpcServices services, HandlerExecutor executor,
            SslContext sslContext, List<BjsonRpcServerCustomizer> customizers, ApplicationEventPublisher publisher,
            BjsonRpcConnections connections) {
        this.connections = connections;
        this.properties = properties;
        this.services = services;
        this.executor = executor;
        this.sslContext = sslContext;
        this.customizers = customizers;
        this.publisher = publisher;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        BjsonRpcServer.Builder builder = BjsonRpcServer.builder()
            .host(properties.getHost())
            .port(properties.getPort())
            .handlerFactory(services.serverHandlers())
            .options(ConnectionSettingsMapper.options("bjsonrpc.server", properties, executor.forConnections()))
            .sslContext(sslContext)
            .maxConnections(properties.getMaxConnections())
            .addConnectionListener(connections.forServer())
            .addConnectionListener(new ConnectionEvents(publisher, executor.forEvents(), null));
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            server = builder.start();
        } catch (BjsonRpcException e) {
            if (e.getCause() instanceof BindException) {
                throw new IllegalStateException("bjsonrpc.server.port " + properties.getPort()
                    + " is already in use on " + properties.getHost()
                    + ": set bjsonrpc.server.port to another port, or 0 for a free one", e);
            }
            throw new IllegalStateException("The bjsonrpc server cannot start on " + properties.getHost() + ":"
                + properties.getPort() + " (bjsonrpc.server.host / port): " + e.getMessage(), e);
        }
        log.info("bjsonrpc server listening on {}{}", server.address(), sslContext != null ? " (TLS)" : "");
        publisher.publishEvent(new BjsonRpcServerStartedEvent(server));
    }

    @Override
    public void stop(Runnable callback) {
        BjsonRpcServer running = server;
        if (running == null) {
            callback.run();
            return;
        }
        Thread shutdown = new Thread(() -> {
            try {
                if (!running.shutdownGracefully(properties.getShutdownGracePeriod())) {
                    log.warn("bjsonrpc server: in-flight calls did not finish within {}; their connections were "
                        + "closed", properties.getShutdownGracePeriod());
                }
            } finally {
                server = null;
                callback.run();
            }
        }, "bjsonrpc-shutdown");
        shutdown.start();
    }

    @Override
    public void stop() {
        BjsonRpcServer running = server;
        if (running != null) {
            running.shutdownGracefully(properties.getShutdownGracePeriod());
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1024;
    }

    /** The running server, or {@code null} when stopped. */
    public BjsonRpcServer server() {
        return server;
    }
}

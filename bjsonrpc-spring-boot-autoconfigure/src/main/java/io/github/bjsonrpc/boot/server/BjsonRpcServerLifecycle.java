package io.github.bjsonrpc.boot.server;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * Runs the bjsonrpc server with the application: binds when the context starts, publishes
 * {@link BjsonRpcServerStartedEvent}, and at shutdown stops accepting, lets in-flight calls and pipes finish within
 * the shutdown grace period, then closes the connections.
 */
public class BjsonRpcServerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcServerLifecycle.class);

    private final BjsonRpcServerFactory factory;
    private final Duration shutdownGracePeriod;
    private final ApplicationEventPublisher publisher;
    private volatile BjsonRpcServer server;

    /**
     * @param factory binds the server each time this lifecycle starts
     * @param shutdownGracePeriod how long in-flight calls and pipes may take to finish at shutdown
     * @param publisher where {@link BjsonRpcServerStartedEvent} goes
     */
    public BjsonRpcServerLifecycle(BjsonRpcServerFactory factory, Duration shutdownGracePeriod,
            ApplicationEventPublisher publisher) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.shutdownGracePeriod = Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = factory.start();
        log.info("bjsonrpc server listening on {}", server.address());
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
                if (!running.shutdownGracefully(shutdownGracePeriod)) {
                    log.warn("bjsonrpc server: in-flight calls did not finish within {}; their connections were "
                        + "closed", shutdownGracePeriod);
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
            running.shutdownGracefully(shutdownGracePeriod);
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

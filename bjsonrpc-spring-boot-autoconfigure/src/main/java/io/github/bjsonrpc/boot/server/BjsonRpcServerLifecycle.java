package io.github.bjsonrpc.boot.server;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * Runs the bjsonrpc server with the application: binds when the context starts, publishes
 * {@link BjsonRpcServerStartedEvent}, and at shutdown stops accepting, lets in-flight calls and pipes finish within
 * the shutdown grace period, then closes the connections.
 *
 * <p>The auto-configured one reads {@code bjsonrpc.server.*}; to replace it, define a bean of this type, for example
 * around a server of your own:
 *
 * <pre>{@code
 * @Bean
 * BjsonRpcServerLifecycle bjsonRpcServer(BjsonRpcServices services, ApplicationEventPublisher publisher) {
 *     return new BjsonRpcServerLifecycle(() -> BjsonRpcServer.builder().port(0)
 *         .handlerFactory(services.serverHandlers()).start(), Duration.ofSeconds(20), publisher);
 * }
 * }</pre>
 *
 * <p>While the server runs, a non-daemon thread ({@value #KEEP_ALIVE_THREAD}N) keeps the JVM alive, as Spring
 * Boot's web servers do: an application whose only server is bjsonrpc runs until it is stopped, without
 * {@code spring.main.keep-alive}.
 */
public class BjsonRpcServerLifecycle implements SmartLifecycle {

    /** The name of the thread that keeps the JVM alive while the server runs, before its number. */
    public static final String KEEP_ALIVE_THREAD = "bjsonrpc-server-await-";

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcServerLifecycle.class);
    private static final AtomicInteger KEEP_ALIVE_THREADS = new AtomicInteger();

    private final BjsonRpcServerFactory factory;
    private final Duration shutdownGracePeriod;
    private final ApplicationEventPublisher publisher;
    private volatile @Nullable BjsonRpcServer server;
    private @Nullable CountDownLatch keepAlive;

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
        BjsonRpcServer started = factory.start();
        server = started;
        keepAlive = startKeepAlive();
        log.info("bjsonrpc server listening on {}", started.address());
        publisher.publishEvent(new BjsonRpcServerStartedEvent(started));
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
                released();
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
            released();
        }
    }

    /** Starts the non-daemon thread that waits until the server is stopped. */
    private static CountDownLatch startKeepAlive() {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread await = new Thread(() -> {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, KEEP_ALIVE_THREAD + KEEP_ALIVE_THREADS.incrementAndGet());
        await.setDaemon(false);
        await.start();
        return stopped;
    }

    /** The server has stopped: forget it, and let the JVM end if nothing else keeps it alive. */
    private synchronized void released() {
        server = null;
        if (keepAlive != null) {
            keepAlive.countDown();
            keepAlive = null;
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

    /** How long in-flight calls and pipes may take to finish at shutdown. */
    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /** The running server, or {@code null} when stopped. */
    public @Nullable BjsonRpcServer server() {
        return server;
    }
}

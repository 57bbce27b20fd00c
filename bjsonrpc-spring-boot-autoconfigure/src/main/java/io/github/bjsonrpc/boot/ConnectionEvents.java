package io.github.bjsonrpc.boot;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionListener;

/** Publishes connection openings and closings as application events, off the I/O threads. */
public final class ConnectionEvents implements ConnectionListener {

    private final ApplicationEventPublisher publisher;
    private final Executor executor;
    private final @Nullable String clientName;

    /**
     * @param publisher where the events go
     * @param executor where they are published from
     * @param clientName the configured client whose connections these are, or {@code null} for the server's
     */
    public ConnectionEvents(ApplicationEventPublisher publisher, Executor executor, @Nullable String clientName) {
        this.publisher = publisher;
        this.executor = executor;
        this.clientName = clientName;
    }

    @Override
    public void opened(Connection connection) {
        executor.execute(() -> publish(new BjsonRpcConnectionOpenedEvent(connection, clientName)));
    }

    @Override
    public void closed(Connection connection) {
        executor.execute(() -> publish(new BjsonRpcConnectionClosedEvent(connection, clientName)));
    }

    /** Publishes, unless the application has closed meanwhile: its last connections close as it does. */
    private void publish(BjsonRpcConnectionEvent event) {
        if (publisher instanceof ConfigurableApplicationContext context && !context.isActive()) {
            return;
        }
        try {
            publisher.publishEvent(event);
        } catch (IllegalStateException e) {
            if (!(publisher instanceof ConfigurableApplicationContext context) || context.isActive()) {
                throw e;
            }
        }
    }
}

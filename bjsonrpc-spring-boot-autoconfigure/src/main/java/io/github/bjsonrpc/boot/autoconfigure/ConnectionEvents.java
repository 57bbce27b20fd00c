package io.github.bjsonrpc.boot.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.context.ApplicationEventPublisher;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.boot.BjsonRpcConnectionClosedEvent;
import io.github.bjsonrpc.boot.BjsonRpcConnectionOpenedEvent;

/** Publishes connection openings and closings as application events, off the I/O threads. */
final class ConnectionEvents implements ConnectionListener {

    private final ApplicationEventPublisher publisher;
    private final Executor executor;
    private final String clientName;

    ConnectionEvents(ApplicationEventPublisher publisher, Executor executor, String clientName) {
        this.publisher = publisher;
        this.executor = executor;
        this.clientName = clientName;
    }

    @Override
    public void opened(Connection connection) {
        executor.execute(() -> publisher.publishEvent(new BjsonRpcConnectionOpenedEvent(connection, clientName)));
    }

    @Override
    public void closed(Connection connection) {
        executor.execute(() -> publisher.publishEvent(new BjsonRpcConnectionClosedEvent(connection, clientName)));
    }
}

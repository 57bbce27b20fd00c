package io.github.bjsonrpc.boot.client;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * Connects the configured clients marked {@code connect-on-startup} when the application starts, after the
 * application's own bjsonrpc server, so that a client may call a service of the same application. A failure is
 * logged; the client then retries with backoff if it is so configured.
 */
public class BjsonRpcClientsLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcClientsLifecycle.class);

    private final List<String> clients;
    private final BeanFactory beanFactory;
    private volatile boolean running;

    /**
     * @param clients the names of the clients to connect at start-up
     * @param beanFactory where their beans are
     */
    public BjsonRpcClientsLifecycle(List<String> clients, BeanFactory beanFactory) {
        this.clients = List.copyOf(clients);
        this.beanFactory = beanFactory;
    }

    @Override
    public void start() {
        for (String name : clients) {
            BjsonRpcClient client = beanFactory.getBean(BjsonRpcClientBeans.beanName(name), BjsonRpcClient.class);
            try {
                client.connect();
            } catch (RuntimeException e) {
                log.warn("bjsonrpc client '{}' could not connect to {}:{} at start-up ({}); it retries with backoff "
                    + "unless its reconnect is disabled", name, client.host(), client.port(), e.getMessage());
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the server: a client may call a service of this same application
        return DEFAULT_PHASE - 512;
    }
}

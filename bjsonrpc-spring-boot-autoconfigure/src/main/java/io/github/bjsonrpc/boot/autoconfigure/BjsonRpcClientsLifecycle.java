package io.github.bjsonrpc.boot.autoconfigure;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

import io.github.bjsonrpc.BjsonRpcClient;

/** Connects the clients marked {@code connect-on-startup} when the application starts. */
class BjsonRpcClientsLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcClientsLifecycle.class);

    private final Map<String, BjsonRpcProperties.Client> clients;
    private final BeanFactory beanFactory;
    private volatile boolean running;

    BjsonRpcClientsLifecycle(Map<String, BjsonRpcProperties.Client> clients, BeanFactory beanFactory) {
        this.clients = clients;
        this.beanFactory = beanFactory;
    }

    @Override
    public void start() {
        clients.forEach((name, client) -> {
            if (client.isConnectOnStartup()) {
                BjsonRpcClient bean = beanFactory.getBean(BjsonRpcClientsRegistrar.beanName(name),
                    BjsonRpcClient.class);
                try {
                    bean.connect();
                } catch (RuntimeException e) {
                    log.warn("bjsonrpc client '{}' could not connect to {}:{} at start-up ({}); {}", name,
                        client.getHost(), client.getPort(), e.getMessage(),
                        client.getReconnect().isEnabled() ? "retrying with backoff" : "reconnect is disabled");
                }
            }
        });
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

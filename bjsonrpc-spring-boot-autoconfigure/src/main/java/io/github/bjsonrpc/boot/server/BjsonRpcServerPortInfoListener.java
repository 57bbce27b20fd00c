package io.github.bjsonrpc.boot.server;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.github.bjsonrpc.boot.server.BjsonRpcServerStartedEvent;

/**
 * Puts the bound port in the environment as {@value #PROPERTY}, in this context and its
 * parents, as Spring Boot does for the web server's {@code local.server.port}.
 */
public class BjsonRpcServerPortInfoListener implements ApplicationListener<BjsonRpcServerStartedEvent> {

    /** The environment property holding the bound port once the server has started. */
    public static final String PROPERTY = "local.bjsonrpc.server.port";

    private static final String SOURCE = "bjsonrpc.server.ports";

    private final ApplicationContext context;

    /**
     * @param context the context whose environment, and its parents', get the port
     */
    public BjsonRpcServerPortInfoListener(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(BjsonRpcServerStartedEvent event) {
        for (ApplicationContext c = context; c != null; c = c.getParent()) {
            if (c instanceof ConfigurableApplicationContext configurable) {
                put(configurable.getEnvironment(), event.port());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(ConfigurableEnvironment environment, int port) {
        MutablePropertySources sources = environment.getPropertySources();
        PropertySource<?> source = sources.get(SOURCE);
        if (source == null) {
            source = new MapPropertySource(SOURCE, new HashMap<>());
            sources.addFirst(source);
        }
        ((Map<String, Object>) source.getSource()).put(PROPERTY, port);
    }
}

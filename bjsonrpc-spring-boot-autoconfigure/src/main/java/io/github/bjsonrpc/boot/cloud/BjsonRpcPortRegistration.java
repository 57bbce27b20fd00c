package io.github.bjsonrpc.boot.cloud;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.event.EventListener;

import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcServerStartedEvent;

/**
 * Puts the bjsonrpc server's port in the application's own instance metadata
 * ({@value BjsonRpcInstanceMetadata#PORT_KEY}), so that clients discovering the service find it without
 * configuration: in every {@link Registration} bean once the server is bound (Eureka registers after that), and in
 * the registration of an {@link InstancePreRegisteredEvent} (Consul, Zookeeper and the others built on Spring
 * Cloud's auto-registration). A port already there, set by hand, is left alone. Kubernetes registers nothing: name
 * the Service port {@code bjsonrpc}.
 */
public class BjsonRpcPortRegistration {

    private static final Logger log = LoggerFactory.getLogger(BjsonRpcPortRegistration.class);

    private final BjsonRpcServerLifecycle server;
    private final int configuredPort;
    private final ObjectProvider<Registration> registrations;

    /**
     * @param server the application's bjsonrpc server
     * @param configuredPort {@code bjsonrpc.server.port}, 0 for a free one
     * @param registrations the application's registrations
     */
    public BjsonRpcPortRegistration(BjsonRpcServerLifecycle server, int configuredPort,
            ObjectProvider<Registration> registrations) {
        this.server = server;
        this.configuredPort = configuredPort;
        this.registrations = registrations;
    }

    /**
     * The server is bound: its port goes into every registration bean.
     *
     * @param event the server's start
     */
    @EventListener
    public void serverStarted(BjsonRpcServerStartedEvent event) {
        registrations.orderedStream().forEach(registration -> put(registration, event.port()));
    }

    /**
     * A registration is about to be registered: the port goes into it.
     *
     * @param event the registration's announcement
     */
    @EventListener
    public void preRegistered(InstancePreRegisteredEvent event) {
        BjsonRpcServer running = server.server();
        int port = running != null ? running.port() : configuredPort;
        if (port == 0) {
            log.warn("{} is registered before the bjsonrpc server is bound to a free port: its metadata gets no {}",
                event.getRegistration().getServiceId(), BjsonRpcInstanceMetadata.PORT_KEY);
            return;
        }
        put(event.getRegistration(), port);
    }

    private static void put(Registration registration, int port) {
        Map<String, String> metadata = registration.getMetadata();
        try {
            if (metadata != null && metadata.putIfAbsent(BjsonRpcInstanceMetadata.PORT_KEY, String.valueOf(port))
                    == null) {
                log.debug("Registering {}={} for {}", BjsonRpcInstanceMetadata.PORT_KEY, port,
                    registration.getServiceId());
            }
        } catch (UnsupportedOperationException e) {
            log.warn("The metadata of {} cannot be changed: set {} in the registry's metadata properties",
                registration.getServiceId(), BjsonRpcInstanceMetadata.PORT_KEY);
        }
    }
}

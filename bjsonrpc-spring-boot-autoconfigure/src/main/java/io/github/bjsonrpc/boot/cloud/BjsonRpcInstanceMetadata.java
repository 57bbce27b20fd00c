package io.github.bjsonrpc.boot.cloud;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;

import io.github.bjsonrpc.PeerAddress;

/**
 * Where an instance of a service listens for bjsonrpc: its host, and the port in its metadata. The keys, in the
 * order they are read:
 *
 * <ul>
 * <li>{@value #PORT_KEY}: what a bjsonrpc server registers (a key every registry accepts: Consul refuses dots);</li>
 * <li>{@value #DOTTED_PORT_KEY}: the same, where a registry allows dots and it was written by hand;</li>
 * <li>{@value #KUBERNETES_PORT_KEY}: Spring Cloud Kubernetes' entry for a Service port named {@code bjsonrpc};</li>
 * </ul>
 *
 * and without any of them, the instance's registered port (right for an instance registered with its bjsonrpc
 * port, as in a static list).
 */
public final class BjsonRpcInstanceMetadata {

    /** The metadata key of the bjsonrpc port, as a server registers it. */
    public static final String PORT_KEY = "bjsonrpc-port";

    /** The metadata key of the bjsonrpc port, written with a dot. */
    public static final String DOTTED_PORT_KEY = "bjsonrpc.port";

    /** The metadata key Spring Cloud Kubernetes gives a Service port named {@code bjsonrpc}. */
    public static final String KUBERNETES_PORT_KEY = "port.bjsonrpc";

    private BjsonRpcInstanceMetadata() {
    }

    /**
     * @param instance an instance from discovery
     * @return where it listens for bjsonrpc
     * @throws IllegalArgumentException if its metadata holds a port that is not a number, or its host is blank
     */
    public static PeerAddress address(ServiceInstance instance) {
        return new PeerAddress(instance.getHost(), port(instance));
    }

    private static int port(ServiceInstance instance) {
        Map<String, String> metadata = instance.getMetadata();
        String port = metadata == null ? null : first(metadata, PORT_KEY, DOTTED_PORT_KEY, KUBERNETES_PORT_KEY);
        if (port == null) {
            return instance.getPort();
        }
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Instance " + instance.getInstanceId() + " of " + instance.getServiceId()
                + " has a bjsonrpc port that is not a number: '" + port + "'", e);
        }
    }

    private static @Nullable String first(Map<String, String> metadata, String... keys) {
        for (String key : keys) {
            String value = metadata.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.client.BjsonRpcServiceDiscovery;
import io.github.bjsonrpc.boot.cloud.BjsonRpcInstanceMetadata;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * A server application registers its bjsonrpc port in its own instance metadata and goes out of service as soon as
 * its shutdown begins; a client application reads the instances through Spring Cloud LoadBalancer when it is there.
 */
class SpringCloudAppsTest {

    /** The service. */
    @BjsonRpcService
    public static class Echo {
        public String echo(String text) {
            return text;
        }
    }

    /**
     * The application's own registration, as a registry's auto-registration makes it: no registry runs here, so the
     * test holds the registration that one would send.
     */
    static class OwnRegistration implements Registration {
        final Map<String, String> metadata = new HashMap<>();

        @Override
        public String getServiceId() {
            return "echo";
        }

        @Override
        public String getHost() {
            return "127.0.0.1";
        }

        @Override
        public int getPort() {
            return 8080;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public URI getUri() {
            return URI.create("http://127.0.0.1:8080");
        }

        @Override
        public Map<String, String> getMetadata() {
            return metadata;
        }
    }

    /** The readiness changes, each with whether the bjsonrpc server still accepted connections then. */
    static class Readiness {
        final List<String> seen = new ArrayList<>();
        final BjsonRpcServerLifecycle server;

        Readiness(BjsonRpcServerLifecycle server) {
            this.server = server;
        }

        @EventListener
        void on(AvailabilityChangeEvent<ReadinessState> event) {
            BjsonRpcServer running = server.server();
            seen.add(event.getState() + (running != null && running.isRunning() ? " while accepting" : " after"));
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Echo.class, Readiness.class})
    static class ServerApp {
        @Bean
        OwnRegistration ownRegistration() {
            return new OwnRegistration();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ClientApp {
    }

    @RegisterExtension
    final Apps apps = new Apps();

    @Test
    void aServerRegistersItsPortAndLeavesServiceBeforeItStopsAccepting() {
        ConfigurableApplicationContext server = apps.start(ServerApp.class, "bjsonrpc.server.port=0");
        int port = server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);

        // the registration bean got the bound port once the server started
        assertThat(server.getBean(OwnRegistration.class).metadata)
            .containsEntry(BjsonRpcInstanceMetadata.PORT_KEY, String.valueOf(port));
        // and so does one announced later, unless its metadata says otherwise already
        OwnRegistration announced = new OwnRegistration();
        server.publishEvent(new InstancePreRegisteredEvent(this, announced));
        assertThat(announced.metadata).containsEntry(BjsonRpcInstanceMetadata.PORT_KEY, String.valueOf(port));
        OwnRegistration byHand = new OwnRegistration();
        byHand.metadata.put(BjsonRpcInstanceMetadata.PORT_KEY, "10999");
        server.publishEvent(new InstancePreRegisteredEvent(this, byHand));
        assertThat(byHand.metadata).containsEntry(BjsonRpcInstanceMetadata.PORT_KEY, "10999");

        Readiness readiness = server.getBean(Readiness.class);
        server.close();
        assertThat(readiness.seen).containsExactly("ACCEPTING_TRAFFIC while accepting",
            "REFUSING_TRAFFIC while accepting");
    }

    @Test
    void aClientReadsTheInstancesThroughTheLoadBalancerWhenItIsThere() {
        ConfigurableApplicationContext server = apps.start(ServerApp.class, "bjsonrpc.server.port=0");
        int port = server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
        ConfigurableApplicationContext client = apps.start(ClientApp.class, "bjsonrpc.server.enabled=false",
            "bjsonrpc.clients.echo.service-id=echo", "spring.cloud.loadbalancer.cache.enabled=false",
            "spring.cloud.discovery.client.simple.instances.echo[0].uri=http://127.0.0.1:8080",
            "spring.cloud.discovery.client.simple.instances.echo[0].metadata.bjsonrpc-port=" + port);

        assertThat(client.getBean(BjsonRpcServiceDiscovery.class)).hasToString("Spring Cloud LoadBalancer");
        assertThat(client.getBean("echo", BjsonRpcClient.class).call("echo", "through the balancer"))
            .isEqualTo("through the balancer");
    }
}

package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import io.github.bjsonrpc.Balancing;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.PeerAddress;
import io.github.bjsonrpc.boot.autoconfigure.cloud.BjsonRpcCloudAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcServiceDiscovery;
import io.github.bjsonrpc.boot.client.DiscoveredPeers;
import io.github.bjsonrpc.boot.cloud.SpringCloudServiceDiscovery;

/**
 * Clients over several instances as configured: a static list needs no Spring Cloud, a service id needs a
 * discovery, and the settings that contradict each other are refused with their names.
 */
class SeveralInstancesConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class,
            BjsonRpcCloudAutoConfiguration.class))
        .withPropertyValues("bjsonrpc.server.enabled=false");

    @Test
    void aStaticListNeedsNoSpringCloud() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud."))
            .withPropertyValues("bjsonrpc.clients.calc.addresses=calc-1:10123, calc-2:10124",
                "bjsonrpc.clients.calc.connections-per-instance=2", "bjsonrpc.clients.calc.balancing=least-in-flight")
            .run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServiceDiscovery.class);
                BjsonRpcClient calc = context.getBean("calc", BjsonRpcClient.class);
                assertThat(calc.peers().addresses()).containsExactly(new PeerAddress("calc-1", 10123),
                    new PeerAddress("calc-2", 10124));
                assertThat(calc.state()).isEqualTo(BjsonRpcClient.State.DISCONNECTED);
                assertThat(context.getBean(BjsonRpcProperties.class).getClients().get("calc").getBalancing())
                    .isEqualTo(Balancing.LEAST_IN_FLIGHT);
            });
    }

    @Test
    void aServiceIdNeedsADiscovery() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud."))
            .withPropertyValues("bjsonrpc.clients.calc.service-id=calc")
            .run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("bjsonrpc.clients.calc.service-id is 'calc', but the application has no service "
                    + "discovery"));
    }

    @Test
    void aServiceIdReadsSpringCloudDiscovery() {
        runner.withConfiguration(AutoConfigurations.of(SimpleDiscoveryClientAutoConfiguration.class,
                UtilAutoConfiguration.class))
            .withPropertyValues("bjsonrpc.clients.calc.service-id=calc",
                "spring.cloud.discovery.client.simple.instances.calc[0].uri=http://calc-1:8080",
                "spring.cloud.discovery.client.simple.instances.calc[0].metadata.bjsonrpc-port=10123",
                "spring.cloud.discovery.client.simple.instances.calc[1].uri=http://calc-2:8080",
                "spring.cloud.discovery.client.simple.instances.calc[1].metadata.[bjsonrpc.port]=10124",
                "spring.cloud.discovery.client.simple.instances.calc[2].uri=http://calc-3:8080",
                "spring.cloud.discovery.client.simple.instances.calc[2].metadata.[port.bjsonrpc]=10125",
                "spring.cloud.discovery.client.simple.instances.calc[3].uri=tcp://calc-4:10126",
                "spring.cloud.discovery.client.simple.instances.calc[4].uri=http://calc-5:8080",
                "spring.cloud.discovery.client.simple.instances.calc[4].metadata.bjsonrpc-port=not-a-port")
            .run(context -> {
                assertThat(context).hasNotFailed().getBean(BjsonRpcServiceDiscovery.class)
                    .isInstanceOf(SpringCloudServiceDiscovery.class);
                BjsonRpcClient calc = context.getBean("calc", BjsonRpcClient.class);
                // each port from the metadata, else the registered one; the unusable instance left out
                assertThat(calc.peers().addresses()).extracting(PeerAddress::toString)
                    .containsExactly("calc-1:10123", "calc-2:10124", "calc-3:10125", "calc-4:10126");
                assertThat(context.getBean(DiscoveredPeers.class).lists()).containsOnlyKeys("calc");
            });
    }

    @Test
    void contradictorySettingsAreRefusedWithTheirNames() {
        // the instances take the place of host and port, which may come from elsewhere, such as a profile
        runner.withPropertyValues("bjsonrpc.clients.calc.addresses=a:1", "bjsonrpc.clients.calc.port=10123")
            .run(context -> assertThat(context.getBean("calc", BjsonRpcClient.class).peers().addresses())
                .containsExactly(new PeerAddress("a", 1)));
        runner.withPropertyValues("bjsonrpc.clients.calc.addresses=a:1", "bjsonrpc.clients.calc.service-id=calc")
            .run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("are both set"));
        runner.withPropertyValues("bjsonrpc.clients.calc.addresses=a")
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("Invalid bjsonrpc.clients.calc.addresses: A peer address is host:port"));
        runner.withPropertyValues("bjsonrpc.clients.calc.addresses=a:1",
                "bjsonrpc.clients.calc.connections-per-instance=0")
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("Invalid bjsonrpc.clients.calc.* settings: connectionsPerPeer must be at least 1"));
    }
}

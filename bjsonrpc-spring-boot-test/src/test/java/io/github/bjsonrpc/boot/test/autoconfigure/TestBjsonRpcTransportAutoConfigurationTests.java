package io.github.bjsonrpc.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/** When the test transport points the clients at the application's own server, and when it leaves them alone. */
class TestBjsonRpcTransportAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class,
            TestBjsonRpcTransportAutoConfiguration.class))
        .withPropertyValues("bjsonrpc.server.port=0", "bjsonrpc.clients.calc.host=calc.invalid",
            "bjsonrpc.clients.calc.port=10123");

    @Test
    void clientsCallTheApplicationsOwnServer() {
        runner.withUserConfiguration(SampleApp.Calculator.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BjsonRpcClientCustomizer.class);
            BjsonRpcClient calc = context.getBean("calc", BjsonRpcClient.class);
            assertThat(calc.call("add2", 1, 2)).isEqualTo(3);
            assertThat(calc.port()).isEqualTo(context.getBean(BjsonRpcServerLifecycle.class).server().port());
        });
    }

    @Test
    void clientsKeepTheirAddressesWhenTheTestSaysSo() {
        runner.withUserConfiguration(SampleApp.Calculator.class)
            .withPropertyValues("bjsonrpc.test.transport.clients-to-local-server=false")
            .run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcClientCustomizer.class);
                assertThat(context.getBean("calc", BjsonRpcClient.class).host()).isEqualTo("calc.invalid");
            });
    }

    @Test
    void aClientOnlyApplicationKeepsItsClientsAddresses() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerLifecycle.class)
                .doesNotHaveBean(BjsonRpcClientCustomizer.class);
            assertThat(context.getBean("calc", BjsonRpcClient.class).host()).isEqualTo("calc.invalid");
        });
    }
}

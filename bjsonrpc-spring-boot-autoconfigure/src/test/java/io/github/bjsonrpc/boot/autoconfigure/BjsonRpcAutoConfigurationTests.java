package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.client.BjsonRpcClientFactory;
import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;
import io.github.bjsonrpc.boot.server.BjsonRpcPortInUseException;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/** Each auto-configuration's conditions, back-offs and failures, without a web server. */
class BjsonRpcAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class))
        .withPropertyValues("bjsonrpc.server.port=0");

    @BjsonRpcService
    public static class Greeter {
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @BjsonRpcService
    public static class OtherGreeter {
        public String greet(String name) {
            return "hi " + name;
        }
    }

    @BjsonRpcService(server = false, clients = "nowhere")
    public static class Stray {
        public String ping() {
            return "pong";
        }
    }

    /** The typed view a client proxy implements. */
    public interface GreeterApi {
        String greet(String name);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportBjsonRpcClients(client = "greeter", types = GreeterApi.class)
    static class ClientInterfaces {
    }

    @Test
    void theServerStartsServesAndPublishesItsPort() {
        runner.withUserConfiguration(Greeter.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BjsonRpcServerLifecycle.class);
            int port = context.getBean(BjsonRpcServerLifecycle.class).server().port();
            assertThat(context.getEnvironment().getProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class))
                .isEqualTo(port);
            try (Connection connection = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
                assertThat(connection.call("greet", "you")).isEqualTo("hello you");
            }
            assertThat(context.getBean(BjsonRpcServices.class).serverMethods())
                .containsValue(java.util.List.of("greet"));
        });
    }

    @Test
    void theServerIsOffWhenDisabled() {
        runner.withUserConfiguration(Greeter.class).withPropertyValues("bjsonrpc.server.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerLifecycle.class);
            assertThat(context).hasSingleBean(BjsonRpcServices.class);
        });
    }

    @Test
    void withNothingToServeThereIsNoServer() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerLifecycle.class)
            .hasSingleBean(BjsonRpcServices.class));
    }

    @Test
    void aServicePublishedOnlyOnAClientStartsNoServer() {
        runner.withUserConfiguration(ClientSideOnly.class).withPropertyValues("bjsonrpc.clients.downstream.port=1")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BjsonRpcServerLifecycle.class));
    }

    @Test
    void aServiceDeclaredByABeanMethodStartsTheServer() {
        runner.withUserConfiguration(GreeterBean.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BjsonRpcServerLifecycle.class);
            try (Connection connection = BjsonRpc.connect("127.0.0.1",
                    context.getBean(BjsonRpcServerLifecycle.class).server().port(), HandlerFactory.NONE)) {
                assertThat(connection.call("greet", "you")).isEqualTo("hello you");
            }
        });
    }

    @Test
    void enabledExplicitlyTheServerStartsWithNothingToServe() {
        runner.withPropertyValues("bjsonrpc.server.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BjsonRpcServerLifecycle.class);
            assertThat(context.getBean(BjsonRpcServerLifecycle.class).server().isRunning()).isTrue();
        });
    }

    @BjsonRpcService(server = false, clients = "downstream")
    public static class ClientSideOnly {
        public String clientName() {
            return "me";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class GreeterBean {
        @Bean
        @org.springframework.context.annotation.Scope("prototype")
        Greeter greeter() {
            return new Greeter();
        }
    }

    @Test
    void nothingIsConfiguredWithoutTheCore() {
        runner.withClassLoader(new FilteredClassLoader(BjsonRpc.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(BjsonRpcServices.class).doesNotHaveBean(BjsonRpcServerLifecycle.class)
                .doesNotHaveBean(BjsonRpcClientFactory.class);
        });
    }

    @Test
    void aUserDefinedServiceRegistryWins() {
        runner.withUserConfiguration(CustomServices.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BjsonRpcServices.class)).isSameAs(context.getBean("customServices"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomServices {
        @Bean
        BjsonRpcServices customServices(org.springframework.beans.factory.config.ConfigurableListableBeanFactory f) {
            return new BjsonRpcServices(f);
        }
    }

    @Test
    void twoServicesPublishingOneNameFailStartUpNamingBoth() {
        runner.withUserConfiguration(Greeter.class, OtherGreeter.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'greet' is published twice on the server")
                .hasMessageContaining(Greeter.class.getName()).hasMessageContaining(OtherGreeter.class.getName());
        });
    }

    @Test
    void aServiceOnAnUnknownClientFailsStartUp() {
        runner.withUserConfiguration(Stray.class).run(context -> assertThat(context.getStartupFailure()).rootCause()
            .hasMessageContaining("published on client 'nowhere', but no bjsonrpc.clients.nowhere is configured"));
    }

    @Test
    void anOutOfRangePortSaysWhichProperty() {
        runner.withUserConfiguration(Greeter.class).withPropertyValues("bjsonrpc.server.port=70000").run(context -> assertThat(context.getStartupFailure())
            .rootCause().hasMessageContaining("bjsonrpc.server.port must be between 0 and 65535"));
    }

    @Test
    void aPortInUseSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            runner.withUserConfiguration(Greeter.class).withPropertyValues("bjsonrpc.server.port="
                    + taken.getLocalPort()).run(context ->
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(java.net.BindException.class)
                    .satisfies(failure -> assertThat(failure).hasCauseInstanceOf(BjsonRpcPortInUseException.class))
                    .hasStackTraceContaining("bjsonrpc.server.port " + taken.getLocalPort() + " is already in use")
                    .hasStackTraceContaining("or 0 for a free one")
                    .hasStackTraceContaining("turn its server off with bjsonrpc.server.enabled=false"));
        }
    }

    @Test
    void invalidConnectionSettingsNameTheirProperties() {
        ApplicationContextRunner serving = runner.withUserConfiguration(Greeter.class);
        serving.withPropertyValues("bjsonrpc.server.max-concurrency=0").run(context ->
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("maxConcurrency must be at least 1"));
        serving.withPropertyValues("bjsonrpc.server.ssl.bundle=missing").run(context ->
            assertThat(context.getStartupFailure()).hasMessageContaining("missing"));
    }

    @Test
    void everyConfiguredClientIsABeanWithItsNameAsQualifier() {
        runner.withPropertyValues("bjsonrpc.server.enabled=false", "bjsonrpc.clients.greeter.port=1",
                "bjsonrpc.clients.other.port=2")
            .withUserConfiguration(NeedsGreeter.class, ClientInterfaces.class)
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBeansOfType(BjsonRpcClient.class)).containsOnlyKeys("greeterBjsonRpcClient",
                    "otherBjsonRpcClient");
                assertThat(context.getBean(NeedsGreeter.class).client.name()).isEqualTo("greeter");
                assertThat(context.getBean(GreeterApi.class)).isNotNull();
                assertThat(context.getBean("greeterApi")).isInstanceOf(GreeterApi.class);
            });
    }

    @Configuration(proxyBeanMethods = false)
    @Import(NeedsGreeter.Holder.class)
    static class NeedsGreeter {
        final BjsonRpcClient client;

        NeedsGreeter(@Qualifier("greeter") BjsonRpcClient client) {
            this.client = client;
        }

        static class Holder {
        }
    }

    @Test
    void aClientPortThatIsNeitherANumberNorAPlaceholderSaysSo() {
        runner.withPropertyValues("bjsonrpc.clients.bad.port=ten").run(context ->
            assertThat(context.getStartupFailure()).hasStackTraceContaining("bjsonrpc.clients.bad")
                .hasStackTraceContaining("must be between 1 and 65535, or a placeholder such as "
                    + "${local.bjsonrpc.server.port}; was 'ten'"));
    }

    @Test
    void aClientPortPlaceholderThatNeverResolvesFailsItsAttemptsSayingSo() {
        runner.withPropertyValues("bjsonrpc.clients.lost.port=${nowhere.port}",
                "bjsonrpc.clients.lost.reconnect.enabled=false")
            .run(context -> {
                assertThat(context).hasNotFailed();
                BjsonRpcClient lost = context.getBean("lost", BjsonRpcClient.class);
                org.assertj.core.api.Assertions.assertThatThrownBy(lost::connect)
                    .hasMessageContaining("bjsonrpc.clients.lost.port is '${nowhere.port}', which cannot be "
                        + "resolved yet");
            });
    }

    @Test
    void anInvalidClientSettingNamesTheClient() {
        runner.withPropertyValues("bjsonrpc.server.enabled=false", "bjsonrpc.clients.bad.port=1",
                "bjsonrpc.clients.bad.reconnect.multiplier=0.5")
            .run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("Invalid bjsonrpc.clients.bad.* settings")
                .hasStackTraceContaining("multiplier must be at least 1"));
    }

    @Test
    void aServerLifecycleOfTheApplicationReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(Greeter.class, OwnServer.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(BjsonRpcServerLifecycle.class)).containsOnlyKeys("ownServer");
            BjsonRpcServerLifecycle own = context.getBean(BjsonRpcServerLifecycle.class);
            assertThat(own.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(2));
            // its start is published as the auto-configured one's is
            int port = context.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY,
                Integer.class);
            assertThat(port).isEqualTo(own.server().port());
            try (Connection connection = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
                assertThat(connection.call("greet", "you")).isEqualTo("hello you");
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServer {
        @Bean
        BjsonRpcServerLifecycle ownServer(BjsonRpcServices services,
                org.springframework.context.ApplicationEventPublisher publisher) {
            return new BjsonRpcServerLifecycle(() -> BjsonRpcServer.builder().host("127.0.0.1").port(0)
                .handlerFactory(services.serverHandlers()).start(), Duration.ofSeconds(2), publisher);
        }
    }

    @Test
    void withoutServicesThereIsNoConnectionBean() {
        runner.withPropertyValues("bjsonrpc.clients.calc.port=1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(Connection.class)).isEmpty();
            assertThat(context.getBeanProvider(Connection.class).getIfAvailable()).isNull();
        });
    }

    @Test
    void aServiceGetsItsConnectionAndNoOtherBeanDoes() {
        runner.withUserConfiguration(EchoesItsConnection.class).run(context -> {
            try (Connection connection = BjsonRpc.connect("127.0.0.1",
                    context.getBean(BjsonRpcServerLifecycle.class).server().port(), HandlerFactory.NONE)) {
                assertThat(connection.call(Long.class, "connectionId")).isEqualTo(
                    context.getBean(BjsonRpcConnections.class).all().get(0).connection().id());
            }
        });
        runner.withUserConfiguration(Greeter.class, NotAService.class).run(context ->
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("can only be injected into @BjsonRpcService beans"));
    }

    @BjsonRpcService
    public static class EchoesItsConnection {
        private final Connection connection;

        public EchoesItsConnection(Connection connection) {
            this.connection = connection;
        }

        public long connectionId() {
            return connection.id();
        }
    }

    static class NotAService {
        NotAService(Connection connection) {
        }
    }

    @Test
    void durationsWithoutAUnitAreSeconds() {
        runner.withPropertyValues("bjsonrpc.server.call-timeout=5", "bjsonrpc.server.idle-timeout=7",
                "bjsonrpc.server.shutdown-grace-period=3", "bjsonrpc.clients.calc.port=1",
                "bjsonrpc.clients.calc.connect-timeout=2", "bjsonrpc.clients.calc.reconnect.initial-delay=1",
                "bjsonrpc.clients.calc.reconnect.max-delay=9", "bjsonrpc.clients.calc.call-timeout=500ms")
            .run(context -> {
                BjsonRpcProperties properties = context.getBean(BjsonRpcProperties.class);
                assertThat(properties.getServer().getCallTimeout()).isEqualTo(Duration.ofSeconds(5));
                assertThat(properties.getServer().getIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(properties.getServer().getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(3));
                BjsonRpcProperties.Client calc = properties.getClients().get("calc");
                assertThat(calc.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(calc.getReconnect().getInitialDelay()).isEqualTo(Duration.ofSeconds(1));
                assertThat(calc.getReconnect().getMaxDelay()).isEqualTo(Duration.ofSeconds(9));
                assertThat(calc.getCallTimeout()).isEqualTo(Duration.ofMillis(500));
            });
    }

    @Test
    void handlerCodeRunsOnVirtualThreadsWhenTheApplicationAsksAndTheJvmHasThem() {
        boolean jvmHasThem = Runtime.version().feature() >= 21;
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context ->
            assertThat(context.getBean(BjsonRpcHandlerExecutor.class).executor() != BjsonRpc.defaultExecutor())
                .isEqualTo(jvmHasThem));
        runner.run(context -> assertThat(context.getBean(BjsonRpcHandlerExecutor.class).executor())
            .isSameAs(BjsonRpc.defaultExecutor()));
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;

/**
 * With two configured clients, each is injected by its name: as the qualifier, or as the name of the field or
 * parameter; the calls go to the server each client points at.
 */
class ClientInjectionByNameTest {

    /** Answers which server it is. */
    public static class Named {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        public String who() {
            return name;
        }
    }

    /** Gets both clients by injection-point name, and one of them by qualifier too. */
    static class Consumer {
        final BjsonRpcClient byParameterName;
        final BjsonRpcClient byQualifier;

        @Autowired
        BjsonRpcClient other;

        Consumer(BjsonRpcClient calc, @Qualifier("other") BjsonRpcClient anyName) {
            this.byParameterName = calc;
            this.byQualifier = anyName;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Consumer.class)
    static class App {
    }

    /** Gets a client by qualifier while the application has its own bean named like that client. */
    static class QualifiedConsumer {
        final BjsonRpcClient calc;

        QualifiedConsumer(@Qualifier("calc") BjsonRpcClient client) {
            this.calc = client;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(QualifiedConsumer.class)
    static class AppWithABeanNamedCalc {
        @Bean
        String calc() {
            return "the application's own bean";
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private int server(String name) {
        BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, connection -> new Named(name));
        resources.add(server::stop);
        return server.port();
    }

    private ConfigurableApplicationContext start(Class<?> app) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
            .properties("bjsonrpc.server.enabled=false", "bjsonrpc.clients.calc.port=" + server("calc server"),
                "bjsonrpc.clients.other.port=" + server("other server"))
            .run();
        resources.add(0, context);
        return context;
    }

    @Test
    void eachClientIsInjectedByItsNameOrQualifier() {
        Consumer consumer = start(App.class).getBean(Consumer.class);

        assertThat(consumer.byParameterName.name()).isEqualTo("calc");
        assertThat(consumer.byParameterName.call("who")).isEqualTo("calc server");
        assertThat(consumer.other.name()).isEqualTo("other");
        assertThat(consumer.other.call("who")).isEqualTo("other server");
        assertThat(consumer.byQualifier).isSameAs(consumer.other);
    }

    @Test
    void aBeanOfTheApplicationKeepsItsNameAndTheQualifierStillWorks() {
        ConfigurableApplicationContext context = start(AppWithABeanNamedCalc.class);

        assertThat(context.getBean("calc")).isEqualTo("the application's own bean");
        assertThat(context.getBean("other")).isSameAs(context.getBean("otherBjsonRpcClient"));
        BjsonRpcClient calc = context.getBean(QualifiedConsumer.class).calc;
        assertThat(calc.name()).isEqualTo("calc");
        assertThat(calc.call("who")).isEqualTo("calc server");
    }
}

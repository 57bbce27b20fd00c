package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * Handler code runs where the handler executor says: the application's task decorators wrap every task, so MDC set
 * by them is there in services of the server and of the clients; and a bean of the application replaces the
 * executor.
 */
class HandlerExecutorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(Services.class, CallsBack.class)
        .withPropertyValues("bjsonrpc.server.port=0", "bjsonrpc.clients.self.port=${local.bjsonrpc.server.port}");

    /** The server's service: what its handler thread knows. */
    @BjsonRpcService
    public static class Services {
        public String mdc(String key) {
            return MDC.get(key);
        }

        public String thread() {
            return Thread.currentThread().getName();
        }

        public String askClient(Connection peer, String key) {
            return (String) peer.call("clientMdc", key);
        }
    }

    /** Published on the client's connection, for the server to call back. */
    @BjsonRpcService(server = false, clients = "self")
    public static class CallsBack {
        public String clientMdc(String key) {
            return MDC.get(key) + " on " + Thread.currentThread().getName();
        }
    }

    /** Two decorators, as an application may have: each puts its MDC entry around the task. */
    @Configuration(proxyBeanMethods = false)
    static class Decorators {
        @Bean
        @Order(1)
        TaskDecorator tenant() {
            return task -> () -> {
                MDC.put("tenant", "acme");
                try {
                    task.run();
                } finally {
                    MDC.remove("tenant");
                }
            };
        }

        @Bean
        @Order(2)
        TaskDecorator component() {
            return task -> () -> {
                MDC.put("component", "bjsonrpc");
                try {
                    task.run();
                } finally {
                    MDC.remove("component");
                }
            };
        }
    }

    /** The application's own executor. */
    @Configuration(proxyBeanMethods = false)
    static class OwnExecutor {
        static final AtomicInteger THREADS = new AtomicInteger();

        @Bean(destroyMethod = "shutdown")
        ExecutorService handlers() {
            return Executors.newCachedThreadPool(task -> new Thread(task, "app-handler-" + THREADS.incrementAndGet()));
        }

        @Bean
        BjsonRpcHandlerExecutor bjsonRpcHandlerExecutor(ExecutorService handlers) {
            return () -> handlers;
        }
    }

    private static int port(ApplicationContext context) {
        return context.getBean(BjsonRpcServerLifecycle.class).server().port();
    }

    @Test
    void theTaskDecoratorsWrapHandlerCodeOfTheServerAndTheClients() {
        runner.withUserConfiguration(Decorators.class).run(context -> {
            try (Connection peer = BjsonRpc.connect("127.0.0.1", port(context), HandlerFactory.NONE)) {
                assertThat(peer.call("mdc", "tenant")).isEqualTo("acme");
                assertThat(peer.call("mdc", "component")).isEqualTo("bjsonrpc");
            }
            // the server calls the client's service back: it runs on a decorated handler thread too
            BjsonRpcClient self = context.getBean("self", BjsonRpcClient.class);
            assertThat((String) self.call("askClient", "tenant")).startsWith("acme on ");
        });
    }

    @Test
    void withoutDecoratorsHandlerThreadsHaveNoSuchMdc() {
        runner.run(context -> {
            try (Connection peer = BjsonRpc.connect("127.0.0.1", port(context), HandlerFactory.NONE)) {
                assertThat(peer.call("mdc", "tenant")).isNull();
            }
        });
    }

    @Test
    void anExecutorOfTheApplicationReplacesIt() {
        runner.withUserConfiguration(OwnExecutor.class).run(context -> {
            assertThat(context).hasSingleBean(BjsonRpcHandlerExecutor.class);
            try (Connection peer = BjsonRpc.connect("127.0.0.1", port(context), HandlerFactory.NONE)) {
                assertThat((String) peer.call("thread")).startsWith("app-handler-");
            }
            BjsonRpcClient self = context.getBean("self", BjsonRpcClient.class);
            assertThat((String) self.call("askClient", "any")).contains(" on app-handler-");
        });
    }
}

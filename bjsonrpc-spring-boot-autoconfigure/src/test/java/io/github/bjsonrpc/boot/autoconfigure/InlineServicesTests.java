package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Inline;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * Services run inline, on the connection's event loop, when {@code @BjsonRpcService(inline = true)},
 * {@link Inline @Inline} on a method or {@code bjsonrpc.server.inline} (a client's {@code inline}) says so; the others
 * on the handler executor.
 */
class InlineServicesTests {

    private static final String IO_THREAD = "bjsonrpc-io";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class))
        .withUserConfiguration(InlineService.class, PlainService.class, CalledBack.class)
        .withPropertyValues("bjsonrpc.server.port=0", "bjsonrpc.clients.self.port=${local.bjsonrpc.server.port}");

    /** Never blocks: inline. */
    @BjsonRpcService(inline = true)
    public static class InlineService {
        public String inlineThread() {
            return Thread.currentThread().getName();
        }
    }

    /** On the executor, but for one method. */
    @BjsonRpcService
    public static class PlainService {
        public String plainThread() {
            return Thread.currentThread().getName();
        }

        @Inline
        public String annotatedThread() {
            return Thread.currentThread().getName();
        }

        public String askClient(Connection peer) {
            return peer.call(String.class, "clientThread");
        }
    }

    /** Published on the client's connections, inline. */
    @BjsonRpcService(server = false, clients = "self", inline = true)
    public static class CalledBack {
        public String clientThread() {
            return Thread.currentThread().getName();
        }
    }

    /**
     * A connection whose first call is over: its services are made and no request holds its slot, so that an
     * inline call starts at once (one arriving while another still holds the slot waits its turn on the executor).
     */
    private static Connection connect(ApplicationContext context) {
        BjsonRpcServer server = context.getBean(BjsonRpcServerLifecycle.class).server();
        Connection peer = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE);
        peer.call("plainThread");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().stream()
            .allMatch(accepted -> accepted.stats().inFlightRequests() == 0));
        return peer;
    }

    @Test
    void anInlineServiceAndAnInlineMethodRunOnTheEventLoopTheOthersOnTheExecutor() {
        runner.run(context -> {
            assertThat(context.getBean(BjsonRpcServices.class).serverInlineMethods()).containsExactly("inlineThread");
            try (Connection peer = connect(context)) {
                assertThat(peer.call(String.class, "inlineThread")).startsWith(IO_THREAD);
                assertThat(peer.call(String.class, "annotatedThread")).startsWith(IO_THREAD);
                assertThat(peer.call(String.class, "plainThread")).doesNotStartWith(IO_THREAD);
            }
            // the client's inline service, called back: on the event loop once its connection is idle
            BjsonRpcClient self = context.getBean("self", BjsonRpcClient.class);
            await().atMost(Duration.ofSeconds(10))
                .until(() -> self.call(String.class, "askClient").startsWith(IO_THREAD));
        });
    }

    @Test
    void thePropertyMakesEveryServiceOfTheServerInlineWithItsTimeLimit() {
        runner.withPropertyValues("bjsonrpc.server.inline=true", "bjsonrpc.server.inline-time-limit=2s")
            .run(context -> {
                try (Connection peer = connect(context)) {
                    assertThat(peer.call(String.class, "plainThread")).startsWith(IO_THREAD);
                    Connection accepted = context.getBean(BjsonRpcServerLifecycle.class).server().connections().get(0);
                    assertThat(accepted.options().inlineMethods()).isEqualTo(Set.of("*"));
                    assertThat(accepted.options().inlineTimeLimit()).isEqualTo(Duration.ofSeconds(2));
                }
            });
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/** A client that outlives its connections, and a server that lets in-flight work finish when it stops. */
class ClientReconnectTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Answers slowly when asked, and counts its instances. */
    public static class Service {
        static final AtomicInteger MADE = new AtomicInteger();
        static final CountDownLatch STARTED = new CountDownLatch(1);

        public Service() {
            MADE.incrementAndGet();
        }

        public String ping() {
            return "pong";
        }

        public String slow() throws InterruptedException {
            STARTED.countDown();
            TimeUnit.MILLISECONDS.sleep(300);
            return "finished";
        }
    }

    /** The typed view of {@link Service}. */
    public interface Api {
        String ping();
    }

    @Test
    void aLostConnectionIsReplacedWithANewHandler() {
        BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, c -> new Service());
        int port = server.port();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger clientHandlers = new AtomicInteger();
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", port).name("backend")
            .handlerFactory(c -> clientHandlers.incrementAndGet())
            .reconnect(new Reconnect(true, Duration.ofMillis(50), Duration.ofMillis(200), 2.0))
            .addConnectionListener(new ConnectionListener() {
                @Override
                public void opened(Connection connection) {
                    opened.incrementAndGet();
                }
            })
            .build());

        assertThat(client.as(Api.class).ping()).isEqualTo("pong");
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);

        server.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == BjsonRpcClient.State.DISCONNECTED
            && client.nextAttempt() != null);
        assertThatThrownBy(() -> client.call("ping")).isInstanceOf(ConnectionClosedException.class)
            .hasMessageContaining("'backend' is not connected");
        assertThat(client.lastError()).isNotNull();

        BjsonRpcServer restarted = cleanup.track(BjsonRpc.createServer("127.0.0.1", port, c -> new Service()));
        await().atMost(Duration.ofSeconds(5)).until(() -> client.state() == BjsonRpcClient.State.CONNECTED);
        assertThat(client.call("ping")).isEqualTo("pong");
        assertThat(opened.get()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> clientHandlers.get() == 2);
        assertThat(restarted.connections()).hasSize(1);
    }

    @Test
    void aGracefulShutdownLetsInFlightCallsFinish() throws Exception {
        BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, c -> new Service());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        Request<Object> slow = client.method("slow");
        assertThat(Service.STARTED.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(server.shutdownGracefully(Duration.ofSeconds(5))).isTrue();

        assertThat(slow.value()).isEqualTo("finished");
        assertThat(client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(server.isRunning()).isFalse();
    }
}

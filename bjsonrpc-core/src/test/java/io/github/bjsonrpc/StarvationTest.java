package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/**
 * Many connections whose handlers all wait on their peers at once, on the shared pool: the threads waiting on a
 * peer must not keep the call-backs they wait for from running.
 */
class StarvationTest {

    private static final int CONNECTIONS = 300;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final ExecutorService callers = Executors.newFixedThreadPool(CONNECTIONS);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Published on both sides: each level calls the other side one level down. */
    public static class Bouncer {
        public String bounce(int depth, Connection connection) {
            return depth == 0 ? "." : depth + connection.call(String.class, "bounce", depth - 1);
        }
    }

    @Test
    void threeHundredConnectionsCallingBackAtOnceAllFinish() throws Exception {
        ConnectionOptions options = ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(30));
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Bouncer(), options));
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new Bouncer(), options)));
        }
        // every connection is served before the calls start together
        for (Connection client : clients) {
            assertThat(client.call(String.class, "bounce", 0)).isEqualTo(".");
        }

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> chains = new ArrayList<>();
        for (Connection client : clients) {
            chains.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // client -> server -> client -> server: two handler threads wait on their peers per chain
                return client.call(String.class, "bounce", 2);
            }, callers));
        }
        long began = System.nanoTime();
        start.countDown();
        for (CompletableFuture<String> chain : chains) {
            assertThat(chain.get(60, TimeUnit.SECONDS)).isEqualTo("21.");
        }
        System.out.printf("%d call-back chains on %d connections took %d ms%n", CONNECTIONS, CONNECTIONS,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }
}

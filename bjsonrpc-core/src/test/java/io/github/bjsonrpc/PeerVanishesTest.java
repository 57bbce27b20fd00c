package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/** A peer that goes away in the middle of an exchange releases exactly what waited on it, at once. */
class PeerVanishesTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Calls its client back and reports how that ended. */
    public static class Asker {
        static final CompletableFuture<Throwable> REVERSE_CALL_FAILURE = new CompletableFuture<>();
        static final CountDownLatch ASKING = new CountDownLatch(1);

        public Object ask(Connection connection) {
            ASKING.countDown();
            try {
                return connection.call("neverAnswered");
            } catch (RuntimeException e) {
                REVERSE_CALL_FAILURE.complete(e);
                throw e;
            }
        }

        public String slow() throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(200);
            return "slow";
        }

        public String ping() {
            return "pong";
        }
    }

    @Test
    void aHandlerWaitingOnAVanishedPeerIsReleasedAtOnce() throws Exception {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Asker(),
            ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(60))));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"ask\",\"id\":1}");
            assertThat(peer.readLine()).contains("\"neverAnswered\"");
            assertThat(Asker.ASKING.await(5, TimeUnit.SECONDS)).isTrue();
        }
        // well before the 60 s call timeout
        assertThat(Asker.REVERSE_CALL_FAILURE.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionClosedException.class);
        try (Connection other = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE)) {
            assertThat(other.call("ping")).isEqualTo("pong");
        }
    }

    @Test
    void aPeerVanishingMidBatchHarmsNoOne() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Asker()));
        try (Connection bystander = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE)) {
            try (RawPeer peer = RawPeer.connect(server.port())) {
                peer.send("[{\"method\":\"slow\",\"id\":1},{\"method\":\"slow\",\"id\":2},{\"method\":\"slow\",\"id\":3}]");
                assertThat(peer.readLine()).contains("\"slow\"");
            }
            assertThat(bystander.call("ping")).isEqualTo("pong");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.connections().size() == 1);
        }
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/** A peer that goes away in the middle of an exchange releases exactly what waited on it, at once. */
class PeerVanishesTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Calls its client back and reports how that ended; works slowly when asked, until the test says so. */
    public static class Asker {
        final CompletableFuture<Throwable> reverseCallFailure = new CompletableFuture<>();
        final CountDownLatch asking = new CountDownLatch(1);
        final AtomicInteger slowStarted = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        public Object ask(Connection connection) {
            asking.countDown();
            try {
                return connection.call("neverAnswered");
            } catch (RuntimeException e) {
                reverseCallFailure.complete(e);
                throw e;
            }
        }

        public String slow() throws InterruptedException {
            slowStarted.incrementAndGet();
            return release.await(30, TimeUnit.SECONDS) ? "slow" : "never released";
        }

        public String ping() {
            return "pong";
        }
    }

    @Test
    void aHandlerWaitingOnAVanishedPeerIsReleasedAtOnce() throws Exception {
        Asker asker = new Asker();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> asker,
            ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(60))));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"ask\",\"id\":1}");
            assertThat(peer.readLine()).contains("\"neverAnswered\"");
            assertThat(asker.asking.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(asker.reverseCallFailure).isNotDone();
        }
        // well before the 60 s call timeout
        assertThat(asker.reverseCallFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionClosedException.class);
        Connection other = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(other.call("ping")).isEqualTo("pong");
    }

    @Test
    void aPeerVanishingMidBatchHarmsNoOne() {
        Asker asker = new Asker();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> asker));
        Connection bystander = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("[{\"method\":\"slow\",\"id\":1},{\"method\":\"slow\",\"id\":2},"
                + "{\"method\":\"slow\",\"id\":3}]");
            // the first runs, the others wait behind it
            await().atMost(Duration.ofSeconds(10)).until(() -> asker.slowStarted.get() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
        assertThat(bystander.call("ping")).isEqualTo("pong");

        // the vanished peer's work ends, its replies go nowhere, and the bystander is still served
        asker.release.countDown();
        assertThat(bystander.call("ping")).isEqualTo("pong");
        assertThat(server.connections()).hasSize(1);
    }
}

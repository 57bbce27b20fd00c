package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/** Call chains that come back (A to B to A to B), ordering on one connection, and many callers at once. */
class ReentrancyAndOrderingTest {

    /** Published on both sides: each level calls the other side one level down. */
    public static class Bouncer {
        private final List<Object> recorded = Collections.synchronizedList(new ArrayList<>());

        public String bounce(int depth, String side, Connection connection) {
            if (depth == 0) {
                return side;
            }
            return side + connection.call(String.class, "bounce", depth - 1, side.equals("s") ? "c" : "s");
        }

        public void record(Object value) {
            recorded.add(value);
        }

        public List<Object> recorded() {
            return recorded;
        }

        public int add2(int a, int b) {
            return a + b;
        }
    }

    /** A client handler that answers only when the test says so. */
    public static class SlowClient {
        final CountDownLatch release = new CountDownLatch(1);

        public String clientName() throws InterruptedException {
            return release.await(30, TimeUnit.SECONDS) ? "slow" : "never released";
        }
    }

    /** Asks its client for its name: waits for as long as the client takes. */
    public static class Asker {
        public String ask(Connection connection) {
            return "asked " + connection.call("clientName");
        }

        public String ping() {
            return "pong";
        }
    }

    /** Its first method waits until its second has run: both finish only if they run at the same time. */
    public static class Rendezvous {
        final CountDownLatch second = new CountDownLatch(1);

        public String first() throws InterruptedException {
            return second.await(30, TimeUnit.SECONDS) ? "first" : "alone";
        }

        public String second() {
            second.countDown();
            return "second";
        }
    }

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    void callChainsThatComeBackDoNotDeadlock() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Bouncer()));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new Bouncer()));

        // client -> server -> client -> server -> ... seven levels, one request at a time on each side
        assertThat(client.call(Duration.ofSeconds(10), String.class, "bounce", 7, "s")).isEqualTo("scscscsc");
        // the connection is fine afterwards
        assertThat(client.call(Integer.class, "add2", 2, 3)).isEqualTo(5);
    }

    @Test
    void aHandlerWaitingOnItsPeerBlocksNoOtherConnection() throws Exception {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Asker()));
        SlowClient slow = new SlowClient();
        Connection first = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> slow));
        Connection second = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        Request<Object> waiting = first.method("ask");
        assertThat(second.call(Duration.ofSeconds(5), String.class, "ping")).isEqualTo("pong");
        assertThat(waiting.isDone()).isFalse();

        slow.release.countDown();
        assertThat(waiting.value()).isEqualTo("asked slow");
    }

    @Test
    void requestsOfOneConnectionRunInArrivalOrder() {
        Bouncer handler = new Bouncer();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> handler));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        for (int i = 0; i < 500; i++) {
            if (i % 2 == 0) {
                client.notify("record", i);
            } else {
                client.method("record", i);
            }
        }
        assertThat(client.call("recorded")).isEqualTo(IntStream.range(0, 500).boxed().toList());
    }

    @Test
    void manyThreadsCanCallOnOneConnection() throws Exception {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Bouncer(),
            ConnectionOptions.defaults().withMaxConcurrency(4)));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(callers.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        if (client.call(Integer.class, "add2", thread, i) != thread + i) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void requestsReadTogetherRunTogetherWhenConcurrencyAllows() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Rendezvous(),
            ConnectionOptions.defaults().withMaxConcurrency(2)));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            // one write: the first waits for the second, which must start while the first runs ("first", not
            // "alone"); once the second lets the first go, either may be answered first
            peer.writeRaw("{\"method\":\"first\",\"id\":1}\n{\"method\":\"second\",\"id\":2}\n");
            assertThat(List.of(peer.readLine(), peer.readLine())).containsExactlyInAnyOrder(
                "{\"result\":\"first\",\"error\":null,\"id\":1}", "{\"result\":\"second\",\"error\":null,\"id\":2}");
        }
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;
import io.netty.channel.ConnectTimeoutException;

/**
 * Every limit: its default holds, going over it gives a clear error or a counted drop, and nothing else notices.
 * Outcomes are decided on what can be observed (a latch, a thread's state, a stat), never on how long something
 * took.
 */
class LimitsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Released when the test says so, and when it ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    /** Records the limits reached. */
    static final class Limits implements RpcObserver {
        final List<String> reached = new CopyOnWriteArrayList<>();

        @Override
        public void limitReached(Connection connection, String limit) {
            reached.add(limit);
        }
    }

    /** The shared handler, plus a call that holds its request slot until released, and a counted flood. */
    public static class Handler extends ServerHandler {
        private final CountDownLatch release;
        final AtomicLong flooded = new AtomicLong();
        final AtomicReference<Thread> flooding = new AtomicReference<>();

        Handler(CountDownLatch release) {
            this.release = release;
        }

        public String hold(String tag) throws InterruptedException {
            release.await();
            return tag;
        }

        /** A pipe of {@code count} strings of {@code size} characters, counting what it produced. */
        public Stream<String> countedFlood(int count, int size) {
            flooding.set(Thread.currentThread());
            String element = "x".repeat(size);
            return IntStream.range(0, count).mapToObj(i -> {
                flooded.incrementAndGet();
                return element;
            });
        }
    }

    private BjsonRpcServer server(Limits limits, ConnectionOptions options, int maxConnections,
            ConnectionFilter filter, HandlerFactory handlers) {
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(handlers)
            .options(options).addObserver(limits).maxConnections(maxConnections).connectionFilter(filter).start());
        cleanup.track(release::countDown);
        return server;
    }

    private BjsonRpcServer server(Limits limits, ConnectionOptions options) {
        return server(limits, options, 100, ConnectionFilter.ACCEPT_ALL, c -> new Handler(release));
    }

    private static Connection onlyConnection(BjsonRpcServer server) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
        return server.connections().get(0);
    }

    @Test
    void connectionsOverTheMaximumAreClosedAndCounted() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.defaults(), 2, ConnectionFilter.ACCEPT_ALL,
            c -> new Handler(release));
        Connection first = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        Connection second = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(first.call("ping")).isEqualTo("pong");
        assertThat(second.call("ping")).isEqualTo("pong");

        Connection third = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(third.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(limits.reached).containsExactly("connections");
        assertThat(first.call("ping")).isEqualTo("pong");
    }

    @Test
    void aBurstBeyondTheQueueLimitPausesReadingAndEveryLineIsAnsweredOnce() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.builder().maxQueuedRequests(3).build());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"hold\",\"params\":[\"held\"],\"id\":0}");
            Connection accepted = onlyConnection(server);
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.stats().inFlightRequests() == 1);
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= 6; i++) {
                burst.append("{\"method\":\"ping\",\"id\":").append(i).append("}\n");
            }
            peer.writeRaw(burst.toString());

            // however the burst is split into reads: reading pauses, and the queue never goes past its limit
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.stats().readingPaused());
            assertThat(accepted.stats().queuedRequests()).isBetween(1, 3);

            release.countDown();
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                replies.add(peer.readLine());
            }
            List<String> busy = replies.stream().filter(r -> r.contains("Server busy: 3 requests of this connection"
                + " are already waiting")).toList();
            List<String> pongs = replies.stream().filter(r -> r.contains("\"pong\"")).toList();
            assertThat(replies).contains("{\"result\":\"held\",\"error\":null,\"id\":0}");
            assertThat(busy.size() + pongs.size()).isEqualTo(6);
            assertThat(pongs).isNotEmpty().isSortedAccordingTo((a, b) -> idOf(a) - idOf(b));
            assertThat(limits.reached).hasSize(busy.size()).allMatch("queued-requests"::equals);
        }
    }

    private static int idOf(String reply) {
        return Integer.parseInt(reply.replaceAll(".*\"id\":(\\d+)}$", "$1"));
    }

    @Test
    void pendingRequestsAndOpenPipesAreBoundedOnTheCallingSide() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(new Limits(), ConnectionOptions.builder().maxConcurrency(8).build());
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port()).addObserver(limits)
            .options(ConnectionOptions.builder().maxPendingRequests(3).maxOpenPipes(1).build()).build());

        Pipe<Object> open = client.pipe("pipe", List.of());
        assertThatThrownBy(() -> client.pipe("pipe", List.of())).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("open pipes (maxOpenPipes)");
        Request<Object> a = client.method("hold", "a");
        Request<Object> b = client.method("hold", "b");
        assertThatThrownBy(() -> client.method("ping")).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("3 requests waiting for replies (maxPendingRequests)");
        assertThat(limits.reached).containsExactly("open-pipes", "pending-requests");

        open.close();
        release.countDown();
        assertThat(a.value()).isEqualTo("a");
        assertThat(b.value()).isEqualTo("b");
        assertThat(client.connection().stats().pendingRequests()).isZero();
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void aPeerThatDoesNotReadStopsTheProducerInsteadOfFillingMemory() {
        Handler handler = new Handler(release);
        BjsonRpcServer server = server(new Limits(), ConnectionOptions.builder().writeHighWaterMark(64 * 1024)
            .build(), 100, ConnectionFilter.ACCEPT_ALL, c -> handler);
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"countedFlood\",\"params\":[100000,10000],\"id\":1}");

            // the producer waits to write: the peer reads nothing, so it cannot go on
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.flooding.get() != null
                && handler.flooding.get().getState() == Thread.State.WAITING);
            long produced = handler.flooded.get();
            // 100 000 elements of 10 kB are 1 GB: only what the socket buffers and the high-water mark hold was made
            assertThat(produced).isLessThan(5_000);

            // once the peer reads, production goes on
            for (int i = 0; i < produced + 100; i++) {
                assertThat(peer.readLine()).startsWith("{\"result\":\"xxx");
            }
            assertThat(handler.flooded.get()).isGreaterThan(produced);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.builder().idleTimeout(Duration.ofMillis(200))
            .build());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            // the end of the stream: the server closed the connection
            assertThat(peer.readLine()).isNull();
        }
        assertThat(limits.reached).containsExactly("idle-timeout");
    }

    @Test
    void aConnectionFilterRefusesBeforeAnyHandlerIsMade() {
        Limits limits = new Limits();
        List<Connection> seen = new CopyOnWriteArrayList<>();
        BjsonRpcServer server = server(limits, ConnectionOptions.defaults(), 100, connection -> {
            seen.add(connection);
            return seen.size() > 1 && ((InetSocketAddress) connection.remoteAddress()).getAddress().isLoopbackAddress();
        }, c -> new Handler(release));
        Connection refused = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(refused.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(limits.reached).containsExactly("refused");
        assertThat(seen.get(0).handler()).isNull();

        Connection accepted = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(accepted.call("whoAmI")).isEqualTo("anonymous");
        assertThat(accepted.principal()).isEmpty();
    }

    @Test
    void aBatchBeyondTheQueueLimitGetsBusyRepliesForTheRest() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.builder().maxQueuedRequests(3).build());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            // the connection is ready: its handler exists, and the task that answered has given its slot back (it
            // would otherwise take the batch's first element as it looks for more work, leaving room for another)
            peer.send("{\"method\":\"ping\",\"id\":\"ready\"}");
            assertThat(peer.readLine()).contains("ready");
            await().atMost(Duration.ofSeconds(10))
                .until(() -> server.connections().get(0).stats().inFlightRequests() == 0);

            // one line: all its elements are queued before any starts; three fit, seven are turned away at once
            StringBuilder batch = new StringBuilder("[{\"method\":\"hold\",\"params\":[\"held\"],\"id\":0}");
            for (int i = 1; i <= 9; i++) {
                batch.append(",{\"method\":\"ping\",\"id\":").append(i).append('}');
            }
            peer.send(batch.append(']').toString());
            for (int i = 3; i <= 9; i++) {
                assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"Server busy: 3 requests of this "
                    + "connection are already waiting; retry later\",\"id\":" + i + "}");
            }
            assertThat(limits.reached).hasSize(7).allMatch("queued-requests"::equals);

            release.countDown();
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"held\",\"error\":null,\"id\":0}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":2}");
            peer.send("{\"method\":\"ping\",\"id\":\"after\"}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":\"after\"}");
        }
    }

    @Test
    void connectingGivesUpAfterTheConnectTimeout() throws Exception {
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", deaf.getLocalPort());
            List<Socket> filling = new ArrayList<>();
            try {
                // fill the backlog of a listener that never accepts, until a handshake is no longer answered
                boolean unanswered = false;
                for (int i = 0; i < 64 && !unanswered; i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(address, 1000);
                        filling.add(socket);
                    } catch (SocketTimeoutException timedOut) {
                        socket.close();
                        unanswered = true;
                    }
                }
                assertThat(unanswered).as("the listener stopped answering handshakes").isTrue();

                // the connect timeout, not the system's, ends the attempt
                assertThatThrownBy(() -> BjsonRpc.connect("127.0.0.1", address.getPort(), HandlerFactory.NONE,
                    ConnectionOptions.builder().connectTimeout(Duration.ofMillis(300)).build()))
                    .isInstanceOf(BjsonRpcException.class).hasMessageContaining("Cannot connect to 127.0.0.1")
                    .hasRootCauseInstanceOf(ConnectTimeoutException.class);
            } finally {
                for (Socket socket : filling) {
                    close(socket);
                }
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Counts notifications. */
    public static class Counter {
        private long ticks;

        public void tick(Object... ignored) {
            ticks++;
        }

        public long count() {
            return ticks;
        }
    }

    @Test
    void aFastPeerIsSlowedDownNotDropped() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.builder().maxQueuedRequests(5_000).build(), 100,
            ConnectionFilter.ACCEPT_ALL, c -> new Counter());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            StringBuilder burst = new StringBuilder();
            for (int round = 0; round < 20; round++) {
                burst.setLength(0);
                for (int i = 0; i < 2_500; i++) {
                    burst.append("{\"method\":\"tick\",\"params\":[1]}\n");
                }
                peer.writeRaw(burst.toString());
            }
            String count = "{\"method\":\"count\",\"id\":1}\n";
            peer.writeRaw(count);
            // everything read and run, however long a loaded machine takes
            Connection accepted = onlyConnection(server);
            long sent = 20L * burst.length() + count.length();
            await().atMost(Duration.ofMinutes(2)).until(() -> accepted.stats().bytesIn() == sent
                && accepted.stats().queuedRequests() == 0 && accepted.stats().inFlightRequests() == 0);
            // ten times the queue limit, and not one lost: reading paused at half the limit, and one read of at
            // most 64 KiB (about 2 200 of these lines) cannot fill the other half
            assertThat(peer.readLine()).isEqualTo("{\"result\":50000,\"error\":null,\"id\":1}");
            assertThat(limits.reached).isEmpty();
        }
    }
}

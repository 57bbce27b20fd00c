package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/** Every limit: its default holds, going over it gives a clear error or a counted drop, and nothing else notices. */
class LimitsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Records the limits reached. */
    static final class Limits implements RpcObserver {
        final List<String> reached = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void limitReached(Connection connection, String limit) {
            reached.add(limit);
        }
    }

    private BjsonRpcServer server(Limits limits, ConnectionOptions options, int maxConnections,
            ConnectionFilter filter) {
        return cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(c -> new ServerHandler())
            .options(options).addObserver(limits).maxConnections(maxConnections).connectionFilter(filter).start());
    }

    private BjsonRpcServer server(Limits limits, ConnectionOptions options) {
        return server(limits, options, 100, ConnectionFilter.ACCEPT_ALL);
    }

    @Test
    void connectionsOverTheMaximumAreClosedAndCounted() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.defaults(), 2, ConnectionFilter.ACCEPT_ALL);
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
    void requestsOverTheQueueLimitAreAnsweredBusy() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.defaults().withMaxQueuedRequests(3));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            StringBuilder burst = new StringBuilder("{\"method\":\"sleepy\",\"params\":[0.3,\"slow\"],\"id\":0}\n");
            for (int i = 1; i <= 6; i++) {
                burst.append("{\"method\":\"ping\",\"id\":").append(i).append("}\n");
            }
            peer.writeRaw(burst.toString());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                replies.add(peer.readLine());
            }
            // lines already read go past the pause: three fit in the queue, the rest are turned away
            List<String> busy = replies.stream().filter(r -> r.contains("Server busy: 3 requests of this connection"
                + " are already waiting")).toList();
            assertThat(busy).hasSizeGreaterThanOrEqualTo(3);
            assertThat(replies).filteredOn(r -> r.contains("\"pong\"")).hasSize(6 - busy.size());
            assertThat(replies).contains("{\"result\":\"slow\",\"error\":null,\"id\":0}");
        }
        assertThat(limits.reached).hasSizeGreaterThanOrEqualTo(3).containsOnly("queued-requests");
    }

    @Test
    void pendingRequestsAndOpenPipesAreBoundedOnTheCallingSide() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(new Limits(), ConnectionOptions.defaults().withMaxConcurrency(8));
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port()).addObserver(limits)
            .options(ConnectionOptions.defaults().withMaxPendingRequests(3).withMaxOpenPipes(1)).build());

        Pipe<Object> open = client.pipe("pipe", List.of());
        assertThatThrownBy(() -> client.pipe("pipe", List.of())).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("open pipes (maxOpenPipes)");
        client.method("sleepy", 0.3, "a");
        client.method("sleepy", 0.3, "b");
        assertThatThrownBy(() -> client.method("ping")).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("3 requests waiting for replies (maxPendingRequests)");
        assertThat(limits.reached).containsExactly("open-pipes", "pending-requests");

        open.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.connection().stats().pendingRequests() == 0);
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void aPeerThatDoesNotReadStopsTheProducerInsteadOfFillingMemory() {
        BjsonRpcServer server = server(new Limits(), ConnectionOptions.defaults().withWriteHighWaterMark(64 * 1024));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            long before = ServerHandler.FLOODED.get();
            peer.send("{\"method\":\"flood\",\"params\":[100000,10000],\"id\":1}");
            AtomicLong last = new AtomicLong(-1);
            // the producer stops: its count holds still for half a second
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> last.getAndSet(ServerHandler.FLOODED.get()) == ServerHandler.FLOODED.get());
            long produced = ServerHandler.FLOODED.get() - before;
            // 100 000 elements of 10 kB are 1 GB: only what the socket buffers and the high-water mark hold was made
            assertThat(produced).isLessThan(5_000);

            // once the peer reads, production goes on
            for (int i = 0; i < produced + 100; i++) {
                assertThat(peer.readLine()).startsWith("{\"result\":\"xxx");
            }
            assertThat(ServerHandler.FLOODED.get() - before).isGreaterThan(produced);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() {
        Limits limits = new Limits();
        BjsonRpcServer server = server(limits, ConnectionOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"ping\",\"id\":1}");
            assertThat(peer.readLine()).contains("pong");
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
        });
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
        BjsonRpcServer server = server(new Limits(), ConnectionOptions.defaults().withMaxQueuedRequests(3));
        try (RawPeer peer = RawPeer.connect(server.port())) {
            StringBuilder batch = new StringBuilder("[{\"method\":\"sleepy\",\"params\":[0.2,\"slow\"],\"id\":0}");
            for (int i = 1; i <= 9; i++) {
                batch.append(",{\"method\":\"ping\",\"id\":").append(i).append('}');
            }
            peer.send(batch.append(']').toString());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                replies.add(peer.readLine());
            }
            assertThat(replies).filteredOn(r -> r.contains("Server busy")).isNotEmpty();
            assertThat(replies).filteredOn(r -> r.contains("\"pong\"")).isNotEmpty();
            assertThat(replies).hasSize(10).doesNotContainNull();
            peer.send("{\"method\":\"ping\",\"id\":\"after\"}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":\"after\"}");
        }
    }

    @Test
    void connectingGivesUpAfterTheConnectTimeout() throws Exception {
        // a listener that never accepts, whose backlog is full: further handshakes are not answered
        try (java.net.ServerSocket deaf = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> filling = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket socket = new java.net.Socket();
                    try {
                        socket.connect(new InetSocketAddress("127.0.0.1", deaf.getLocalPort()), 200);
                        filling.add(socket);
                    } catch (java.io.IOException full) {
                        socket.close();
                        break;
                    }
                }
                long start = System.nanoTime();
                assertThatThrownBy(() -> BjsonRpc.connect("127.0.0.1", deaf.getLocalPort(), HandlerFactory.NONE,
                    ConnectionOptions.defaults().withConnectTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(BjsonRpcException.class).hasMessageContaining("Cannot connect to 127.0.0.1");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            } finally {
                for (java.net.Socket socket : filling) {
                    socket.close();
                }
            }
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
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(c -> new Counter())
            .options(ConnectionOptions.defaults().withMaxQueuedRequests(5_000)).addObserver(limits).start());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            StringBuilder burst = new StringBuilder();
            for (int round = 0; round < 20; round++) {
                burst.setLength(0);
                for (int i = 0; i < 2_500; i++) {
                    burst.append("{\"method\":\"tick\",\"params\":[1]}\n");
                }
                peer.writeRaw(burst.toString());
            }
            peer.send("{\"method\":\"count\",\"id\":1}");
            // ten times the queue limit, and not one lost: reading paused while the handler caught up
            assertThat(peer.readLine()).isEqualTo("{\"result\":50000,\"error\":null,\"id\":1}");
            assertThat(limits.reached).isEmpty();
        }
    }
}

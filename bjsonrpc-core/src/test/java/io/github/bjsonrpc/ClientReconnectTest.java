package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/** A client that outlives its connections, and a server that lets in-flight work finish when it stops. */
class ClientReconnectTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Answers pings, and a slow call that finishes when the test says so. */
    public static class Service {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        public String ping() {
            return "pong";
        }

        public String slow() throws InterruptedException {
            started.countDown();
            return release.await(30, TimeUnit.SECONDS) ? "finished" : "never released";
        }
    }

    /** The typed view of {@link Service}. */
    public interface Api {
        String ping();
    }

    /** Counts the connections it is told of. */
    static class CountingListener implements ConnectionListener {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void opened(Connection connection) {
            opened.incrementAndGet();
        }

        @Override
        public void closed(Connection connection) {
            closed.incrementAndGet();
        }
    }

    private BjsonRpcServer server(int port) {
        return cleanup.track(BjsonRpc.createServer("127.0.0.1", port, c -> new Service()));
    }

    /**
     * Starts a server again on the port an earlier one had. Another process may hold the port for a while; the bind
     * is then retried.
     */
    private BjsonRpcServer restart(int port) {
        return await().atMost(Duration.ofSeconds(30)).ignoreException(BjsonRpcException.class)
            .until(() -> server(port), Objects::nonNull);
    }

    private BjsonRpcClient client(int port, ConnectionListener listener, AtomicInteger handlers) {
        return cleanup.track(BjsonRpcClient.builder("127.0.0.1", port).name("backend")
            .handlerFactory(c -> handlers.incrementAndGet())
            .reconnect(new Reconnect(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0))
            .addConnectionListener(listener)
            .build());
    }

    @Test
    void aClientAsksForItsPeersAddressAtEachAttempt() {
        AtomicReference<InetSocketAddress> peer = new AtomicReference<>();
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", 1).name("later")
            .peer(() -> {
                InetSocketAddress known = peer.get();
                if (known == null) {
                    throw new IllegalStateException("the peer is not known yet");
                }
                return known;
            })
            .handlerFactory(HandlerFactory.NONE)
            .reconnect(new Reconnect(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0))
            .build());

        assertThatThrownBy(client::connect).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("the peer is not known yet");
        assertThat(client.lastError()).hasMessageContaining("the peer is not known yet");

        BjsonRpcServer first = server(0);
        peer.set(new InetSocketAddress("127.0.0.1", first.port()));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == BjsonRpcClient.State.CONNECTED);
        assertThat(client.call("ping")).isEqualTo("pong");
        assertThat(client.port()).isEqualTo(first.port());

        // the peer moves: the next attempt asks again
        BjsonRpcServer second = server(0);
        peer.set(new InetSocketAddress("127.0.0.1", second.port()));
        first.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == BjsonRpcClient.State.CONNECTED
            && client.port() == second.port());
        assertThat(client.call("ping")).isEqualTo("pong");
        assertThat(second.connections()).hasSize(1);
    }

    @Test
    void aLostConnectionIsReplacedWithANewHandler() {
        BjsonRpcServer server = server(0);
        int port = server.port();
        CountingListener listener = new CountingListener();
        AtomicInteger clientHandlers = new AtomicInteger();
        BjsonRpcClient client = client(port, listener, clientHandlers);

        assertThat(client.as(Api.class).ping()).isEqualTo("pong");
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);

        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == BjsonRpcClient.State.DISCONNECTED
            && client.nextAttempt() != null);
        assertThatThrownBy(() -> client.call("ping")).isInstanceOf(ConnectionClosedException.class)
            .hasMessageContaining("'backend' is not connected");
        assertThat(client.lastError()).isNotNull();

        BjsonRpcServer restarted = restart(port);
        // the client comes back by itself, without being called
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == BjsonRpcClient.State.CONNECTED);
        assertThat(client.call("ping")).isEqualTo("pong");
        assertThat(listener.opened).hasValue(2);
        assertThat(listener.closed).hasValue(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> clientHandlers.get() == 2);
        assertThat(restarted.connections()).hasSize(1);
    }

    @Test
    void aListenerThatThrowsDoesNotStopReconnection() {
        BjsonRpcServer server = server(0);
        int port = server.port();
        CountingListener throwing = new CountingListener() {
            @Override
            public void opened(Connection connection) {
                super.opened(connection);
                throw new IllegalStateException("listener failed on opening");
            }

            @Override
            public void closed(Connection connection) {
                super.closed(connection);
                throw new IllegalStateException("listener failed on closing");
            }
        };
        BjsonRpcClient client = client(port, throwing, new AtomicInteger());
        assertThat(client.call("ping")).isEqualTo("pong");

        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> throwing.closed.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.nextAttempt() != null);

        restart(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == BjsonRpcClient.State.CONNECTED);
        assertThat(throwing.opened).hasValue(2);
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void aGracefulShutdownLetsInFlightCallsFinish() throws Exception {
        Service service = new Service();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> service));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        Request<Object> slow = client.method("slow");
        assertThat(service.started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
            () -> server.shutdownGracefully(Duration.ofSeconds(30)));
        // the server stops accepting at once, and waits for the call in flight
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.isRunning());
        assertThat(shutdown).isNotDone();
        assertThat(slow.isDone()).isFalse();

        service.release.countDown();
        assertThat(slow.value()).isEqualTo("finished");
        assertThat(shutdown).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        assertThat(client.closeFuture()).succeedsWithin(Duration.ofSeconds(10));
    }
}

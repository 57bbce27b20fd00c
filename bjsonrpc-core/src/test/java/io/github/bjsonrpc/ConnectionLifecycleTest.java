package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/** Handlers per connection, closing, timeouts, failures: what happens around the calls. */
class ConnectionLifecycleTest {

    /** Per-connection state, a hook on close, and methods that misbehave. */
    public static class Stateful implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();
        private final AtomicInteger count = new AtomicInteger();
        final CountDownLatch never = new CountDownLatch(1);

        public int count() {
            return count.incrementAndGet();
        }

        public String hang() throws InterruptedException {
            never.await(30, TimeUnit.SECONDS);
            return "late";
        }

        public void overflow() {
            throw new StackOverflowError("too deep");
        }

        public boolean sameConnection(Connection injected) {
            return Connection.current() == injected;
        }

        public String ping() {
            return "pong";
        }

        @Override
        public void close() {
            never.countDown();
            closed.incrementAndGet();
        }
    }

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private BjsonRpcServer server(ConnectionOptions options) {
        return cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Stateful(), options));
    }

    @Test
    void everyConnectionHasItsOwnHandler() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection a = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        Connection b = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        assertThat(a.call("count")).isEqualTo(1);
        assertThat(a.call("count")).isEqualTo(2);
        assertThat(b.call("count")).isEqualTo(1);
        assertThat(server.connections()).hasSize(2).allMatch(c -> c.role() == Role.ACCEPTED);
        assertThat(a.role()).isEqualTo(Role.INITIATED);
    }

    @Test
    void theHandlerIsClosedOnceWhenItsConnectionCloses() {
        Stateful handler = new Stateful();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> handler));
        Connection client = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE);
        assertThat(client.call("ping")).isEqualTo("pong");

        client.close();
        client.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.closed.get() == 1);
        assertThatThrownBy(() -> client.call("ping")).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void pendingRequestsFailAtOnceWhenThePeerGoesAway() throws Exception {
        BjsonRpcServer server = server(ConnectionOptions.builder().maxConcurrency(2).build());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.builder().callTimeout(Duration.ofSeconds(30)).build()));
        Request<Object> hanging = client.method("hang");
        Pipe<Object> pipe = client.pipe("hang");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        hanging.onError(failure::complete);

        server.stop();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(hanging::value).isInstanceOf(ConnectionClosedException.class);
        assertThatThrownBy(() -> pipe.iterator().hasNext()).isInstanceOf(ConnectionClosedException.class);
        assertThat(client.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aCallTimesOutAndTheConnectionStaysUsable() {
        BjsonRpcServer server = server(ConnectionOptions.builder().maxConcurrency(2).build());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        assertThatThrownBy(() -> client.call(Duration.ofMillis(200), Object.class, "hang"))
            .isInstanceOf(CallTimeoutException.class).hasMessageContaining("'hang'");
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void anErrorThrownByAHandlerIsAnsweredGenericallyAndHarmsNothing() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        assertThatThrownBy(() -> client.call("overflow")).isInstanceOf(RemoteError.class)
            .hasMessage("InternalError: the call failed on the peer; details are in its log");
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void handlerCodeSeesItsConnection() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        assertThat(client.call("sameConnection")).isEqualTo(true);
        assertThat(Connection.current()).isNull();
    }

    @Test
    void callbacksRunOffTheIoThreads() throws Exception {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<Object> seen = new CompletableFuture<>();

        client.method("ping").onResult(value -> {
            thread.set(Thread.currentThread().getName());
            seen.complete(value);
        });

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("pong");
        assertThat(thread.get()).doesNotContain("bjsonrpc-io");
        assertThat(client.method(String.class, "ping").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("pong");
    }

    @Test
    void aPortInUseSaysWhatToDo() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        assertThatThrownBy(() -> BjsonRpc.createServer("127.0.0.1", server.port(), HandlerFactory.NONE))
            .isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("already in use").hasMessageContaining("0 for a free one");
    }

    @Test
    void aPeerThatCannotBeReachedFailsClearly() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE))
            .isInstanceOf(BjsonRpcException.class).hasMessageContaining("Cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void aFailingHandlerFactoryClosesOnlyItsConnection() {
        AtomicInteger made = new AtomicInteger();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> {
            if (made.incrementAndGet() == 1) {
                throw new IllegalStateException("no handler for you");
            }
            return new Stateful();
        }));
        Connection refused = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(refused.closeFuture()).succeedsWithin(Duration.ofSeconds(5));

        Connection accepted = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(accepted.call("ping")).isEqualTo("pong");
    }
}

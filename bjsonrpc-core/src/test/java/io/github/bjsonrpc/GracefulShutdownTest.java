package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/** {@link BjsonRpcServer#shutdownGracefully}: what is in flight finishes, what is new is told to go away. */
class GracefulShutdownTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Client side: answers when the test says so. */
    public static class SlowClient {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        public String clientName() throws InterruptedException {
            asked.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "slow";
        }
    }

    /** Server side: waits on its client, or streams what the test publishes. */
    public static class Server {
        final SubmissionPublisher<Integer> events = new SubmissionPublisher<>();

        public String ask(Connection connection) {
            return "asked " + connection.call("clientName");
        }

        public SubmissionPublisher<Integer> events() {
            return events;
        }

        public String ping() {
            return "pong";
        }
    }

    private static boolean refused(Connection connection) {
        try {
            connection.call(Duration.ofSeconds(5), String.class, "ping");
            return false;
        } catch (RemoteError e) {
            assertThat(e.getMessage()).contains("Server shutting down");
            return true;
        }
    }

    @Test
    void aHandlerWaitingOnItsPeerIsInFlightAndNewRequestsAreRefused() throws Exception {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Server()));
        SlowClient slow = new SlowClient();
        Connection asking = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> slow));
        Connection idle = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        assertThat(idle.call("ping")).isEqualTo("pong");

        Request<Object> asked = asking.method("ask");
        assertThat(slow.asked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
            () -> server.shutdownGracefully(Duration.ofSeconds(30)));

        // new requests of an idle connection are answered with an error, not run
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(idle));
        // the handler waiting on its client is in flight: the shutdown waits for it
        assertThat(shutdown).isNotDone();
        assertThat(asking.isOpen()).isTrue();

        slow.release.countDown();
        assertThat(asked.value()).isEqualTo("asked slow");
        assertThat(shutdown.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(asking.closeFuture()).succeedsWithin(Duration.ofSeconds(10));
        assertThatThrownBy(() -> asking.call("ping")).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void anOpenPipeFinishesWithinTheGrace() throws Exception {
        Server handler = new Server();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> handler));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.defaults().withPipeEndMarker(true)));
        Connection idle = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        Pipe<Integer> pipe = client.pipe(Integer.class, "events");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.getNumberOfSubscribers() == 1);
        handler.events.submit(1);

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
            () -> server.shutdownGracefully(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(10)).until(() -> refused(idle));
        // the pipe is in flight: the shutdown waits for it
        assertThat(shutdown).isNotDone();

        handler.events.submit(2);
        handler.events.close();
        List<Integer> received = new ArrayList<>();
        pipe.forEach(received::add);
        assertThat(received).containsExactly(1, 2);
        assertThat(shutdown.get(20, TimeUnit.SECONDS)).isTrue();
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/**
 * Handlers that answer later: a {@link CompletionStage} is answered when it completes, a {@link java.util.concurrent.Flow.Publisher}
 * element by element, neither holding a handler thread meanwhile.
 */
class AsyncResultsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** One thread for all server handler code: a handler holding it would block every other request. */
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThread() {
        oneThread.shutdownNow();
    }

    /** Answers with what the test completes or publishes. */
    public static class Later {
        final CompletableFuture<String> stage = new CompletableFuture<>();
        final SubmissionPublisher<Integer> events = new SubmissionPublisher<>();
        final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch asked = new CountDownLatch(1);

        public CompletionStage<String> later() {
            ran.add("later");
            asked.countDown();
            return stage;
        }

        public CompletableFuture<String> failing() {
            return CompletableFuture.failedFuture(new IllegalStateException("no luck"));
        }

        public SubmissionPublisher<Integer> events() {
            return events;
        }

        public String ping() {
            ran.add("ping");
            return "pong";
        }

        /** Asks the client, which calls back {@link #ping()} before it answers, without blocking a thread. */
        public CompletableFuture<String> relay(Connection connection) {
            return connection.method(String.class, "clientName").toCompletableFuture().thenApply(n -> "relayed " + n);
        }
    }

    /** Client side: calls the server back before it answers. */
    public static class CallingBack {
        public String clientName(Connection connection) {
            return "client after " + connection.call("ping");
        }
    }

    private BjsonRpcServer server(Later handler, int maxConcurrency) {
        return cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> handler,
            ConnectionOptions.defaults().withExecutor(oneThread).withMaxConcurrency(maxConcurrency)));
    }

    private Connection client(BjsonRpcServer server, ConnectionOptions options) {
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new CallingBack(), options));
    }

    @Test
    void aStageIsAnsweredWhenItCompletesWithoutHoldingAThread() {
        Later handler = new Later();
        BjsonRpcServer server = server(handler, 2);
        Connection client = client(server, ConnectionOptions.defaults());

        Request<String> later = client.method(String.class, "later");
        // the only handler thread is free: another request runs while the stage is pending
        assertThat(client.call(Duration.ofSeconds(10), String.class, "ping")).isEqualTo("pong");
        assertThat(later.isDone()).isFalse();

        handler.stage.complete("done");
        assertThat(later.value()).isEqualTo("done");
    }

    @Test
    void aFailedStageIsAnsweredWithItsError() {
        BjsonRpcServer server = server(new Later(), 1);
        Connection client = client(server, ConnectionOptions.defaults());

        assertThatThrownBy(() -> client.call("failing")).isInstanceOf(RemoteError.class)
            .hasMessage("IllegalStateException: no luck");
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void aPendingStageKeepsItsSlotSoRequestsStillRunOneAtATimeInArrivalOrder() throws Exception {
        Later handler = new Later();
        BjsonRpcServer server = server(handler, 1);
        Connection client = client(server, ConnectionOptions.defaults());

        Request<String> later = client.method(String.class, "later");
        assertThat(handler.asked.await(10, TimeUnit.SECONDS)).isTrue();
        Request<String> ping = client.method(String.class, "ping");
        Connection accepted = server.connections().get(0);
        // ping waits for later's slot
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.stats().queuedRequests() == 1);
        assertThat(accepted.stats().inFlightRequests()).isEqualTo(1);

        handler.stage.complete("done");
        assertThat(ping.value()).isEqualTo("pong");
        assertThat(later.value()).isEqualTo("done");
        assertThat(handler.ran).containsExactly("later", "ping");
    }

    @Test
    void aStageWaitingOnACallBackOfTheSamePeerDoesNotDeadlock() {
        BjsonRpcServer server = server(new Later(), 1);
        Connection client = client(server, ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(20)));

        assertThat(client.call("relay")).isEqualTo("relayed client after pong");
    }

    @Test
    void aPublisherIsAnsweredElementByElementWithoutHoldingAThread() {
        Later handler = new Later();
        BjsonRpcServer server = server(handler, 2);
        Connection client = client(server, ConnectionOptions.defaults().withPipeEndMarker(true));

        Pipe<Integer> pipe = client.pipe(Integer.class, "events");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.getNumberOfSubscribers() == 1);
        // the only handler thread is free while the publisher has nothing to say
        assertThat(client.call(Duration.ofSeconds(10), String.class, "ping")).isEqualTo("pong");

        handler.events.submit(1);
        handler.events.submit(2);
        handler.events.close();
        List<Integer> received = new ArrayList<>();
        pipe.forEach(received::add);
        assertThat(received).containsExactly(1, 2);
    }
}

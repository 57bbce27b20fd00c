package io.github.bjsonrpc.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.support.Cleanup;

/**
 * The queue's accounting, step by step. Tasks run on the thread that starts them ({@code Runnable::run}), so that
 * anything started too early would have run before the next assertion.
 */
class InboundQueueTest {

    private static final Executor DIRECT = Runnable::run;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch go = new CountDownLatch(1);
    private InboundQueue queue;

    @BeforeEach
    void queueOfARealConnection() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, HandlerFactory.NONE));
        Connection connection = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        queue = new InboundQueue(connection, DIRECT, 1);
    }

    /** A task that waits on the peer (suspended) until the test says go. */
    private Runnable waitingTask(String name, CountDownLatch suspended) {
        return () -> {
            queue.suspend();
            suspended.countDown();
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.resume();
            events.add(name);
        };
    }

    private Runnable recording(String name) {
        return () -> events.add(name);
    }

    @Test
    void theOpeningTaskRunsAloneEvenWhileItWaitsOnThePeer() throws Exception {
        CountDownLatch suspended = new CountDownLatch(1);
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> queue.open(waitingTask("opened",
            suspended)));
        assertThat(suspended.await(10, TimeUnit.SECONDS)).isTrue();

        queue.offer(recording("request"), 100, true);
        queue.start();
        assertThat(events).isEmpty();
        assertThat(queue.queued()).isEqualTo(1);
        assertThat(queue.inFlight()).isEqualTo(1);

        go.countDown();
        opening.get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("opened", "request");
        assertThat(queue.inFlight()).isZero();
    }

    @Test
    void aSuspendedTaskIsInFlightAndTheLastTaskWaitsForIt() throws Exception {
        queue.open(recording("opened"));
        CountDownLatch suspended = new CountDownLatch(1);
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> queue.offer(waitingTask("resumed",
            suspended), 100, true));
        assertThat(suspended.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(queue.inFlight()).isEqualTo(1);
        assertThat(queue.awaitIdle(System.nanoTime())).isFalse();
        queue.close(recording("last"));
        assertThat(events).containsExactly("opened");

        go.countDown();
        running.get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("opened", "resumed", "last");
        assertThat(queue.awaitIdle(System.nanoTime())).isTrue();
    }

    @Test
    void aContinuationHoldingItsSlotKeepsTheNextTaskWaitingUntilDone() {
        queue.open(recording("opened"));
        Continuation[] later = new Continuation[1];
        queue.offer(() -> later[0] = queue.continueAsync(true), 100, true);
        queue.offer(recording("next"), 100, true);

        assertThat(events).containsExactly("opened");
        assertThat(queue.inFlight()).isEqualTo(1);
        assertThat(queue.queued()).isEqualTo(1);

        later[0].done();
        later[0].done();
        assertThat(events).containsExactly("opened", "next");
        assertThat(queue.inFlight()).isZero();
    }

    @Test
    void aContinuationGivingItsSlotBackLetsTheNextTaskRunAndStaysInFlight() {
        queue.open(recording("opened"));
        Continuation[] later = new Continuation[1];
        queue.offer(() -> later[0] = queue.continueAsync(false), 100, true);
        queue.offer(recording("next"), 100, true);

        assertThat(events).containsExactly("opened", "next");
        assertThat(queue.inFlight()).isEqualTo(1);

        later[0].done();
        assertThat(queue.inFlight()).isZero();
    }

    @Test
    void closingAbandonsContinuationsThenRunsTheLastTask() {
        queue.open(recording("opened"));
        queue.offer(() -> queue.continueAsync(true).onAbandon(recording("abandoned")), 100, true);
        queue.offer(recording("never"), 100, false);

        queue.close(recording("last"));
        assertThat(events).containsExactly("opened", "abandoned", "last");
        assertThat(queue.offer(recording("too late"), 100, true)).isZero();
        assertThat(events).doesNotContain("too late");
    }
}

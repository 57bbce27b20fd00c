package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.ServerHandler;

/** Every wait for the peer has a deadline, and a handler waiting on its own peer never holds its slot. */
class PeerWaitsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Server side. */
    public static class Waiter {
        final CountDownLatch release = new CountDownLatch(1);

        /** Waits for the client's answer outside the library's own wait methods. */
        public String joined(Connection connection) {
            return "joined " + connection.method(String.class, "clientName").toCompletableFuture().join();
        }

        /** The same with {@code get()}. */
        public String got(Connection connection) throws InterruptedException, ExecutionException {
            return "got " + connection.method(String.class, "clientName").toCompletableFuture().get();
        }

        public String ping() {
            return "pong";
        }

        public String hang() throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            return "late";
        }

        /** A pipe that says nothing until released. */
        public Iterator<Integer> quiet() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    try {
                        return next == 0 || release.await(30, TimeUnit.SECONDS) && next < 2;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }

                @Override
                public Integer next() {
                    return next++;
                }
            };
        }
    }

    /** Client side: calls the server back before it answers. */
    public static class CallingBack {
        public String clientName(Connection connection) {
            return "client after " + connection.call("ping");
        }
    }

    private Waiter waiter;

    @AfterEach
    void release() {
        if (waiter != null) {
            waiter.release.countDown();
        }
    }

    private Connection pair(ConnectionOptions clientOptions) {
        waiter = new Waiter();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> waiter,
            ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(20))));
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new CallingBack(), clientOptions));
    }

    @Test
    void joiningARequestsFutureInAHandlerGivesTheSlotBackMeanwhile() {
        Connection client = pair(ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(20)));

        assertThat(client.call("joined")).isEqualTo("joined client after pong");
        assertThat(client.call("got")).isEqualTo("got client after pong");
    }

    @Test
    void aRequestNobodyWaitsForStillTimesOut() throws Exception {
        Connection client = pair(ConnectionOptions.defaults().withCallTimeout(Duration.ofMillis(300)));

        Request<Object> hanging = client.method("hang");
        CompletableFuture<Object> future = hanging.toCompletableFuture();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        hanging.onError(failure::complete);

        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(CallTimeoutException.class);
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CallTimeoutException.class);
        assertThat(client.stats().pendingRequests()).isZero();
    }

    @Test
    void aCallWaitedForWithoutATimeoutFailsAtItsDeadlineAfterManyAnsweredOnes() {
        Connection client = pair(ConnectionOptions.defaults().withCallTimeout(Duration.ofMillis(300)));
        // no request waits between two of these: the deadline sweep stops and starts again
        for (int i = 0; i < 2_000; i++) {
            assertThat(client.call(String.class, "ping")).isEqualTo("pong");
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> client.call("hang"))
            .isInstanceOf(CallTimeoutException.class).hasMessageContaining("within PT0.3S"));
        assertThat(client.stats().pendingRequests()).isZero();
    }

    @Test
    void aLongerWaitThanTheCallTimeoutExtendsTheRequestsDeadline() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new ServerHandler()));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.defaults().withCallTimeout(Duration.ofMillis(200))));

        // the reply comes after the call timeout, within the caller's own
        assertThat(client.call(Duration.ofSeconds(20), String.class, "sleepy", 0.6, "slow")).isEqualTo("slow");
        assertThatThrownBy(() -> client.call("sleepy", 0.6, "slow")).isInstanceOf(CallTimeoutException.class);
    }

    @Test
    void aPipeIteratorWaitsAtMostTheCallTimeoutForEachElement() throws Exception {
        // long enough for an element on a loaded machine, short enough to wait out once
        Connection client = pair(ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(2)));

        Pipe<Integer> pipe = client.pipe(Integer.class, "quiet");
        Iterator<Integer> elements = pipe.iterator();
        assertThat(elements.next()).isZero();
        CompletableFuture<Boolean> more = CompletableFuture.supplyAsync(elements::hasNext);

        assertThatThrownBy(() -> more.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CallTimeoutException.class)
            .cause().hasMessageContaining("'quiet'");
        // the pipe stays open: a later wait gets what comes then
        waiter.release.countDown();
        assertThat(elements.next()).isEqualTo(1);
        pipe.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().openPipes() == 0);
    }
}

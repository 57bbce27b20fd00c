package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/** A handler's life: made by a factory that may call its peer, closed after the last of its work. */
class HandlerLifecycleTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final CountDownLatch released = new CountDownLatch(1);

    /** Client side: tells its name once the test says so. */
    public static class NamedClient {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);

        public String clientName() throws InterruptedException {
            asked.countDown();
            answer.await(30, TimeUnit.SECONDS);
            return "client";
        }
    }

    /** Made by a factory that asked the peer its name first. */
    public static class Greeter {
        private final String peer;

        Greeter(String peer) {
            this.peer = peer;
        }

        public String hello() {
            return "hello " + peer;
        }
    }

    @Test
    void aFactoryCallingItsPeerWhileTheFirstRequestArrivesDoesNotWedgeTheConnection() throws Exception {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0,
            c -> new Greeter(c.call(String.class, "clientName"))));
        NamedClient named = new NamedClient();
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> named,
            ConnectionOptions.defaults().withCallTimeout(Duration.ofSeconds(20))));

        // the factory waits for the client's name; the client's first request arrives meanwhile
        assertThat(named.asked.await(10, TimeUnit.SECONDS)).isTrue();
        Request<String> hello = client.method(String.class, "hello");
        Connection accepted = server.connections().get(0);
        // the server has read that request before the factory gets its answer
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.stats().bytesIn() > 0);
        named.answer.countDown();

        assertThat(hello.value()).isEqualTo("hello client");
        assertThat(client.call(String.class, "hello")).isEqualTo("hello client");
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.stats().inFlightRequests() == 0);
    }

    /** Client side of the close test: calls the server back and waits there. */
    public static class CallingBackClient {
        public String callBack(Connection connection) {
            return connection.call(String.class, "inner");
        }
    }

    /** Its close() records what was still going on. */
    public class Worker implements AutoCloseable {
        final CountDownLatch innerEntered = new CountDownLatch(1);
        final CountDownLatch outerFinished = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean innerRunning;
        volatile boolean outerRunning;
        final AtomicReference<String> seenByClose = new AtomicReference<>();
        volatile Connection connection;

        /** Waits on the peer, which calls back {@link #inner()} meanwhile. */
        public String outer(Connection peer) {
            connection = peer;
            outerRunning = true;
            try {
                return peer.call(String.class, "callBack");
            } catch (ConnectionClosedException gone) {
                return "gone";
            } finally {
                outerRunning = false;
                outerFinished.countDown();
            }
        }

        /** The call-back: runs until the test releases it. */
        public String inner() throws InterruptedException {
            innerRunning = true;
            innerEntered.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
                return "inner";
            } finally {
                innerRunning = false;
            }
        }

        @Override
        public void close() {
            seenByClose.set("inner running " + innerRunning + ", outer running " + outerRunning);
            closed.countDown();
        }
    }

    @Test
    void aHandlerIsClosedAfterTheLastOfItsWorkNotWhileAResumedMethodRuns() throws Exception {
        Worker worker = new Worker();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> worker));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new CallingBackClient()));

        client.method("outer");
        assertThat(worker.innerEntered.await(10, TimeUnit.SECONDS)).isTrue();
        // outer waits on the client, inner (the client's call-back) runs; now the client goes away
        client.close();
        assertThat(worker.outerFinished.await(10, TimeUnit.SECONDS)).isTrue();
        // once outer's thread is done with everything it will do, only inner is in flight
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.connection.stats().inFlightRequests() == 1);
        released.countDown();

        assertThat(worker.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.seenByClose.get()).isEqualTo("inner running false, outer running false");
    }
}

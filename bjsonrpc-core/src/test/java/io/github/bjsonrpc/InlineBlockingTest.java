package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.github.bjsonrpc.support.CapturedLog;
import io.github.bjsonrpc.support.Cleanup;

/**
 * An inline method that blocks never stalls the event loop silently: waiting for a peer fails at once, and a method
 * running past {@link ConnectionOptions#inlineTimeLimit()} is reported, counted and interrupted, so that the other
 * connections of its event loop go on.
 */
class InlineBlockingTest {

    private static final String WATCHDOG = "io.github.bjsonrpc.transport.InlineWatchdog";
    private static final Duration LIMIT = Duration.ofMillis(200);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @RegisterExtension
    final CapturedLog log = new CapturedLog(WATCHDOG, Level.WARN);

    /** Inline methods that block, wait for their peer, or behave; one instance for every connection. */
    @Inline
    public static class Blocker {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean stop;

        public String blockOnLatch() throws InterruptedException {
            entered.countDown();
            release.await();
            return "released";
        }

        /** Computes until stopped, deaf to interrupts. */
        public String spin() {
            entered.countDown();
            while (!stop) {
                Thread.onSpinWait();
            }
            return "stopped";
        }

        public String where() {
            return Thread.currentThread().getName();
        }

        public boolean interrupted() {
            return Thread.currentThread().isInterrupted();
        }

        public String ask(Connection connection) {
            return connection.call(String.class, "clientName");
        }

        public String join(Connection connection) {
            return connection.method(String.class, "clientName").toCompletableFuture().join();
        }

        public CompletableFuture<String> relay(Connection connection) {
            return connection.method(String.class, "clientName").toCompletableFuture().thenApply(n -> "relayed " + n);
        }

        public String ping() {
            return "pong";
        }
    }

    /** The client side, called back. */
    public static class Named {
        public String clientName() {
            return "client";
        }
    }

    /** The limits reached on the server's connections. */
    static final class Limits implements RpcObserver {
        final List<String> reached = new CopyOnWriteArrayList<>();

        @Override
        public void limitReached(Connection connection, String limit) {
            reached.add(limit);
        }
    }

    private final Limits limits = new Limits();

    private BjsonRpcServer server(Blocker blocker) {
        cleanup.track(blocker.release::countDown);
        cleanup.track(() -> blocker.stop = true);
        return cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(c -> blocker).addObserver(limits)
            .options(ConnectionOptions.defaults().withInlineTimeLimit(LIMIT)).start());
    }

    /** A client whose first call is over: the server's handler is made, inline calls start at once. */
    private Connection client(BjsonRpcServer server) {
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new Named()));
        assertThat(client.call("ping")).isEqualTo("pong");
        InlineModeTest.awaitIdle(server);
        return client;
    }

    /** A new connection whose server side runs on an event loop thread that {@code loop} accepts. */
    private Connection clientOn(BjsonRpcServer server, Predicate<String> loop) {
        for (int i = 0; i < 64; i++) {
            Connection candidate = client(server);
            if (loop.test(candidate.call(String.class, "where"))) {
                return candidate;
            }
        }
        throw new AssertionError("no connection on such an event loop in 64");
    }

    @Test
    void waitingForThePeerFromAnInlineMethodFailsAtOnceAndAStageAnswersLater() {
        BjsonRpcServer server = server(new Blocker());
        Connection client = client(server);

        assertThatThrownBy(() -> client.call("ask")).isInstanceOf(RemoteError.class)
            .hasMessageContaining("'ask' runs inline").hasMessageContaining("cannot wait for a peer")
            .hasMessageContaining("toCompletableFuture()");
        assertThatThrownBy(() -> client.call("join")).isInstanceOf(RemoteError.class)
            .hasMessageContaining("'join' runs inline");
        assertThat(client.call("relay")).isEqualTo("relayed client");
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void anInlineMethodBlockedInAWaitIsReportedAndInterruptedAndItsEventLoopGoesOn() throws Exception {
        Blocker blocker = new Blocker();
        BjsonRpcServer server = server(blocker);
        Connection blocked = client(server);
        String loop = blocked.call(String.class, "where");
        Connection sameLoop = clientOn(server, loop::equals);

        Request<String> block = blocked.method(String.class, "blockOnLatch");
        assertThat(blocker.entered.await(10, TimeUnit.SECONDS)).isTrue();

        // the connection sharing the blocked event loop is answered, while the latch is never released
        assertThat(sameLoop.call(Duration.ofSeconds(30), String.class, "ping")).isEqualTo("pong");
        assertThat(blocker.release.getCount()).isOne();
        assertThatThrownBy(() -> block.value(Duration.ofSeconds(30))).isInstanceOf(RemoteError.class)
            .hasMessageContaining("InterruptedException");
        assertThat(limits.reached).contains("inline-time");

        await().atMost(Duration.ofSeconds(10)).until(() -> !log.events().isEmpty());
        ILoggingEvent warning = log.events().get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage()).contains("Inline method 'blockOnLatch' of connection")
            .contains("on event loop thread " + loop).contains("inlineTimeLimit of 200 ms");
        assertThat(warning.getThrowableProxy().getStackTraceElementProxyArray())
            .extracting(StackTraceElementProxy::getSTEAsString)
            .anyMatch(frame -> frame.contains("Blocker.blockOnLatch"));
        // the interrupt did not outlive the call it was meant for
        assertThat(sameLoop.call(Boolean.class, "interrupted")).isFalse();
    }

    @Test
    void anInlineMethodThatComputesPastTheLimitIsReportedWhileItRuns() throws Exception {
        Blocker blocker = new Blocker();
        BjsonRpcServer server = server(blocker);
        Connection spinning = client(server);
        String loop = spinning.call(String.class, "where");
        Connection sameLoop = clientOn(server, loop::equals);
        Connection otherLoop = clientOn(server, name -> !name.equals(loop));

        Request<String> spin = spinning.method(String.class, "spin");
        assertThat(blocker.entered.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> limits.reached.contains("inline-time"));
        assertThat(spin.isDone()).isFalse();
        // the other event loops go on; this one waits for the method, which the interrupt did not stop
        assertThat(otherLoop.call(Duration.ofSeconds(30), String.class, "ping")).isEqualTo("pong");
        Request<String> waiting = sameLoop.method(String.class, "ping");

        blocker.stop = true;
        assertThat(spin.value(Duration.ofSeconds(30))).isEqualTo("stopped");
        assertThat(waiting.value(Duration.ofSeconds(30))).isEqualTo("pong");
        assertThat(sameLoop.call(Boolean.class, "interrupted")).isFalse();
        assertThat(spinning.call(Boolean.class, "interrupted")).isFalse();
    }
}

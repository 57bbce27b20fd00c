package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/**
 * The replies to a burst of requests leave together, and never wait for a request behind them: a reply written while
 * the handler thread goes on with the connection's next request goes out even if that request blocks.
 */
class ReplyBurstsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Server side. */
    public static class Handler {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        /** Holds the connection's queue until the requests behind it have arrived. */
        public String gate() throws InterruptedException {
            return gate.await(30, TimeUnit.SECONDS) ? "gate" : "gate timed out";
        }

        public String fast() {
            return "fast";
        }

        /** Blocks outside the library's wait methods, as a database call would. */
        public String block() throws InterruptedException {
            blocked.countDown();
            return release.await(30, TimeUnit.SECONDS) ? "released" : "block timed out";
        }

        public int echo(int value) {
            return value;
        }

        /** A result the wire cannot write: a bean without properties. */
        public Object unwritable() {
            return new Object();
        }
    }

    private Handler handler;

    private Connection connect() {
        handler = new Handler();
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> handler));
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
    }

    @Test
    void aReplyGoesOutWhileTheRequestBehindItBlocks() throws Exception {
        Connection client = connect();

        // one task at a time (maxConcurrency 1): fast and block wait behind gate, and run in one go after it
        Request<String> gate = client.method(String.class, "gate");
        Request<String> fast = client.method(String.class, "fast");
        Request<String> block = client.method(String.class, "block");
        handler.gate.countDown();

        assertThat(handler.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        // both replies were written before block started; they must not wait for it to end
        assertThat(gate.value(Duration.ofSeconds(10))).isEqualTo("gate");
        assertThat(fast.value(Duration.ofSeconds(10))).isEqualTo("fast");
        assertThat(block.isDone()).isFalse();

        handler.release.countDown();
        assertThat(block.value(Duration.ofSeconds(10))).isEqualTo("released");
    }

    @Test
    void aBurstLongerThanTheDeferralLimitIsAnsweredWholeAndInOrder() {
        Connection client = connect();
        handler.gate.countDown();

        List<Request<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            requests.add(client.method(Integer.class, "echo", i));
        }
        List<Integer> answers = new ArrayList<>();
        for (Request<Integer> request : requests) {
            answers.add(request.value(Duration.ofSeconds(20)));
        }

        assertThat(answers).hasSize(1_000);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aReplyThatCannotBeWrittenInABurstLeavesTheRepliesAroundItWhole() {
        Connection client = connect();

        // all wait behind gate and are answered in one run, their replies gathered into one buffer
        Request<String> gate = client.method(String.class, "gate");
        Request<Integer> before = client.method(Integer.class, "echo", 1);
        Request<Object> unwritable = client.method(Object.class, "unwritable");
        Request<Integer> after = client.method(Integer.class, "echo", 2);
        handler.gate.countDown();

        assertThat(gate.value(Duration.ofSeconds(10))).isEqualTo("gate");
        assertThat(before.value(Duration.ofSeconds(10))).isEqualTo(1);
        assertThatThrownBy(() -> unwritable.value(Duration.ofSeconds(10))).isInstanceOf(RemoteError.class)
            .hasMessageContaining("Object");
        assertThat(after.value(Duration.ofSeconds(10))).isEqualTo(2);
        // the connection still reads whole lines both ways
        assertThat(client.call(Integer.class, "echo", 3)).isEqualTo(3);
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.StallingHandler;

/**
 * A failed call throws from the caller's thread: its stack trace shows where the caller called, the peer's message
 * is kept, and the failure as it was first seen is the cause.
 */
class CallerFramesTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Released when the test ends: what stalls, returns then. */
    private final CountDownLatch release = new CountDownLatch(1);

    private Connection connect() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0,
            c -> new StallingHandler(release),
            ConnectionOptions.builder().maxConcurrency(4).build()));
        cleanup.track(release::countDown);
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.builder().pipeEndMarker(true).build()));
    }

    private static void assertThrownHere(Throwable thrown, TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName();
        assertThat(Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::getMethodName))
            .as("frames of %s", thrown).contains(method);
        assertThat(thrown.getCause()).as("the original failure").isNotNull().isInstanceOf(thrown.getClass())
            .hasMessage(thrown.getMessage());
    }

    @Test
    void aRemoteErrorShowsTheCaller(TestInfo test) {
        Connection client = connect();

        Throwable thrown = catchThrowable(() -> client.call("crash", "x"));

        assertThat(thrown).isExactlyInstanceOf(RemoteError.class).hasMessage("ValueError: cannot handle x");
        assertThat(((RemoteError) thrown).error()).isEqualTo("ValueError: cannot handle x");
        assertThrownHere(thrown, test);
    }

    @Test
    void aClosedConnectionShowsTheCaller(TestInfo test) {
        Connection client = connect();
        Request<Object> stalled = client.method("stall");
        client.close();

        Throwable thrown = catchThrowable(stalled::value);

        assertThat(thrown).isExactlyInstanceOf(ConnectionClosedException.class).hasMessageContaining("closed");
        assertThrownHere(thrown, test);
    }

    @Test
    void aPipeThatFailsShowsTheCaller(TestInfo test) {
        Connection client = connect();
        var elements = client.pipe(Integer.class, "pipefail", 2).iterator();
        assertThat(elements.next()).isZero();
        assertThat(elements.next()).isEqualTo(1);

        Throwable thrown = catchThrowable(elements::hasNext);

        assertThat(thrown).isExactlyInstanceOf(RemoteError.class).hasMessage("ValueError: pipe broke after 2 items");
        assertThrownHere(thrown, test);
    }

    @Test
    void aResultThatDoesNotConvertShowsTheCaller(TestInfo test) {
        Connection client = connect();

        Throwable thrown = catchThrowable(() -> client.call(Duration.ofSeconds(30), Integer.class, "echo",
            List.of("not", "a", "number")));

        assertThat(thrown).isExactlyInstanceOf(BjsonRpcException.class).hasMessageContaining("Cannot convert");
        assertThrownHere(thrown, test);
    }
}

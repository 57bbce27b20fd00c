package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/** What an observer is told: every handled and issued call with a low-cardinality name, type and outcome. */
class RpcObserverTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** Records what it is told. */
    static final class Recorder implements RpcObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> rejected = new CopyOnWriteArrayList<>();
        final AtomicLong read = new AtomicLong();
        final AtomicLong written = new AtomicLong();

        @Override
        public Scope handling(Connection connection, String method) {
            return (type, outcome) -> calls.add("handled " + method + " " + type + " " + outcome);
        }

        @Override
        public Scope issuing(Connection connection, String method) {
            return (type, outcome) -> calls.add("issued " + method + " " + type + " " + outcome);
        }

        @Override
        public void rejected(Connection connection, String reason) {
            rejected.add(reason);
        }

        @Override
        public void bytesRead(Connection connection, long bytes) {
            read.addAndGet(bytes);
        }

        @Override
        public void bytesWritten(Connection connection, long bytes) {
            written.addAndGet(bytes);
        }
    }

    @Test
    void bothSidesReportEveryCall() {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        BjsonRpcServer running = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new ServerHandler()).addObserver(server).start());
        BjsonRpcClient caller = cleanup.track(BjsonRpcClient.builder("127.0.0.1", running.port()).addObserver(client)
            .options(ConnectionOptions.builder().pipeEndMarker(true).build()).build());

        caller.call("add2", 1, 2);
        assertThatThrownBy(() -> caller.call("crash", "x")).isInstanceOf(RemoteError.class);
        assertThatThrownBy(() -> caller.call("no-such-" + System.nanoTime())).isInstanceOf(RemoteError.class);
        assertThatThrownBy(() -> caller.call("add2")).isInstanceOf(RemoteError.class);
        caller.notify("echo", "x");
        assertThat(caller.pipe("pipe", List.of(1, 2)).stream().toList()).containsExactly(1, 2);
        RemoteObject list = caller.call(RemoteObject.class, "newList");
        list.call("add", 1);
        list.close();
        assertThat(caller.call("ping")).isEqualTo("pong");

        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls.size() == 10);
        assertThat(server.calls).containsExactly(
            "handled add2 CALL SUCCESS",
            "handled crash CALL HANDLER_EXCEPTION",
            "handled <unknown> CALL UNKNOWN_METHOD",
            "handled add2 CALL INVALID_PARAMS",
            "handled echo NOTIFY SUCCESS",
            "handled pipe PIPE SUCCESS",
            "handled newList CALL SUCCESS",
            "handled MyList.add CALL SUCCESS",
            "handled __delete__ CALL SUCCESS",
            "handled ping CALL SUCCESS");
        assertThat(client.calls).contains("issued add2 CALL SUCCESS", "issued crash CALL REMOTE_ERROR",
            "issued echo NOTIFY SUCCESS", "issued pipe PIPE SUCCESS", "issued mylist.add CALL SUCCESS",
            "issued mylist.__delete__ CALL SUCCESS");
        assertThat(server.read.get()).isEqualTo(client.written.get()).isPositive();
        assertThat(server.written.get()).isEqualTo(client.read.get()).isPositive();
    }

    @Test
    void droppedLinesAreReportedWithTheirReason() {
        Recorder server = new Recorder();
        BjsonRpcServer running = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new ServerHandler()).addObserver(server).start());
        try (RawPeer peer = RawPeer.connect(running.port())) {
            peer.writeRaw("nonsense\n42\n{\"result\":1,\"id\":77}\n{\"method\":\"ping\",\"id\":1}\n");
            assertThat(peer.readLine()).contains("pong");
        }
        assertThat(server.rejected).containsExactly("malformed", "not-an-object", "unknown-reply-id");
    }

    @Test
    void aTimedOutCallIsReportedAndItsConnectionStats() {
        Recorder client = new Recorder();
        BjsonRpcServer running = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new ServerHandler()).options(ConnectionOptions.builder().maxConcurrency(2).build())
            .start());
        BjsonRpcClient caller = cleanup.track(BjsonRpcClient.builder("127.0.0.1", running.port()).addObserver(client)
            .build());
        assertThatThrownBy(() -> caller.call(Duration.ofMillis(100), Object.class, "sleepy", 1, "late"))
            .isInstanceOf(CallTimeoutException.class);
        assertThat(client.calls).containsExactly("issued sleepy CALL TIMEOUT");

        Pipe<Object> open = caller.pipe("pipe", List.of());
        caller.call("newList");
        ConnectionStats stats = running.connections().get(0).stats();
        assertThat(stats.remoteObjects()).containsExactly("mylist_0001");
        assertThat(stats.bytesIn()).isPositive();
        assertThat(caller.connection().stats().openPipes()).isEqualTo(1);
        open.close();
        assertThat(caller.connection().stats().openPipes()).isZero();
    }
}

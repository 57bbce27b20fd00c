package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Certificates;
import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/** A client over TLS: connected means handshaken, a refused certificate is a clear failure, retried like any. */
class ClientTlsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Certificates certificates = Certificates.shared();

    /** Answers pings. */
    public static class Service {
        public String ping() {
            return "pong";
        }
    }

    private BjsonRpcServer tlsServer() throws Exception {
        return cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(c -> new Service())
            .sslContext(certificates.server()).start());
    }

    @Test
    void connectReturnsOnceTheHandshakeHasSucceeded() throws Exception {
        BjsonRpcServer server = tlsServer();
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port())
            .sslContext(certificates.clientTrustingServer()).build());

        Connection connection = client.connect();

        // the server's identity is known as soon as connect() returns
        assertThat(connection.principal()).map(Principal::getName).hasValue("CN=localhost");
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void aCertificateOfAnotherAuthorityFailsConnectClearlyAndIsRetried() throws Exception {
        BjsonRpcServer server = tlsServer();
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port())
            .sslContext(certificates.clientTrustingAnotherAuthority())
            .reconnect(new Reconnect(true, Duration.ofMillis(20), Duration.ofMillis(100), 2.0))
            .build());

        assertThatThrownBy(client::connect).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port() + " failed")
            .hasMessageContaining("certification path");
        Throwable first = client.lastError();
        assertThat(first).hasMessageContaining("certification path");

        // a reconnect was scheduled: it runs, and fails for the same reason
        await().atMost(Duration.ofSeconds(10)).until(() -> client.lastError() != first && client.lastError() != null);
        assertThat(client.lastError()).hasMessageContaining("certification path");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.nextAttempt() != null);
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.DISCONNECTED);
    }

    @Test
    void callersShareTheAttemptInFlightEachWaitingAtMostItsOwnTimeout() throws Exception {
        ServerSocket silent = cleanup.track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", silent.getLocalPort())
            .sslContext(certificates.clientTrustingServer())
            .options(ConnectionOptions.defaults().withConnectTimeout(Duration.ofSeconds(60)))
            .reconnect(Reconnect.never())
            .build());
        Caller first = Caller.start(client);
        // the attempt reached the peer, whose handshake never answers
        RawPeer peer = cleanup.track(RawPeer.accept(silent));

        // an impatient caller gives up after its own timeout while the attempt goes on
        assertThatThrownBy(() -> client.connect(Duration.ofMillis(100))).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("could not connect to 127.0.0.1:" + silent.getLocalPort() + " within 100 ms");
        assertThat(first.outcome).isNotDone();

        // a patient one waits for the same attempt
        Caller second = Caller.start(client);
        await().atMost(Duration.ofSeconds(10)).until(second::isWaiting);
        assertThat(first.outcome).isNotDone();

        peer.close();
        Throwable failure = first.outcome.get();
        assertThat(failure).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("TLS handshake with 127.0.0.1:" + silent.getLocalPort() + " failed");
        assertThat(second.outcome.get()).isInstanceOf(BjsonRpcException.class).hasMessage(failure.getMessage())
            .cause().isSameAs(failure.getCause());
    }

    /** Calls {@link BjsonRpcClient#connect()} on a thread of its own and keeps how it ended. */
    private static final class Caller {
        final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        final Thread thread;

        private Caller(BjsonRpcClient client) {
            thread = new Thread(() -> {
                try {
                    client.connect();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            }, "caller");
        }

        static Caller start(BjsonRpcClient client) {
            Caller caller = new Caller(client);
            caller.thread.start();
            return caller;
        }

        /** Parked in a wait of its own, not blocked behind another caller. */
        boolean isWaiting() {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }
    }
}

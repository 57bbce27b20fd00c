package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/**
 * The wire forms of what the recorded transcripts cannot show, byte for byte as {@code docs/protocol.md} gives
 * them: the end-of-pipe marker a caller of this library may ask for, the error objects of JSON-RPC 2.0 replies, and
 * the context an observer propagates with requests.
 */
class WireExtensionsTest {

    private static BjsonRpcServer server;

    @BeforeAll
    static void start() {
        server = BjsonRpc.createServer("127.0.0.1", 0, connection -> new ServerHandler());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aPipeThatAsksForTheEndMarkerGetsItAfterItsLastElement() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"pipe\",\"id\":1,\"params\":[[1,2]],\"pipeend\":true}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":1,\"error\":null,\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":2,\"error\":null,\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":null,\"id\":1,\"pipeend\":true}");
            peer.send("{\"method\":\"pipe\",\"id\":2,\"params\":[[]],\"pipeend\":true}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":null,\"id\":2,\"pipeend\":true}");
            peer.send("{\"method\":\"ping\",\"id\":3,\"pipeend\":true}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":3}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":null,\"id\":3,\"pipeend\":true}");
            peer.send("{\"method\":\"pipefail\",\"id\":4,\"params\":[1],\"pipeend\":true}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":0,\"error\":null,\"id\":4}");
            assertThat(peer.readLine())
                .isEqualTo("{\"result\":null,\"error\":\"ValueError: pipe broke after 1 items\",\"id\":4}");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"pipe\",\"id\":5,\"params\":[[7]],\"pipeend\":true}");
            assertThat(peer.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":7,\"id\":5}");
            assertThat(peer.readLine())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":null,\"id\":5,\"pipeend\":true}");
            // without the request member, nothing marks the end: the next line answers the next request
            peer.send("{\"method\":\"pipe\",\"id\":6,\"params\":[[]]}");
            peer.send("{\"method\":\"ping\",\"id\":7}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":7}");
        }
    }

    /** Propagates a fixed trace header from every request sent, and records what every request handled carried. */
    static final class Propagating implements RpcObserver {
        final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

        @Override
        public Scope issuing(Connection connection, String method) {
            return new Scope() {
                @Override
                public void end(CallType type, Outcome outcome) {
                }

                @Override
                public Map<String, String> context() {
                    return Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
                }
            };
        }

        @Override
        public Scope handling(Connection connection, String method, Map<String, String> context) {
            received.add(context);
            return Scope.NOOP;
        }
    }

    @Test
    void anObserverPropagatesItsContextInTheRequestsItSends() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BjsonRpcClient client = BjsonRpcClient.builder("127.0.0.1", listener.getLocalPort())
                    .addObserver(new Propagating()).build()) {
            CompletableFuture<Object> answer = CompletableFuture.supplyAsync(() -> client.call("add2", 1, 2));
            RawPeer scripted = RawPeer.accept(listener);
            assertThat(scripted.readLine()).isEqualTo("{\"method\":\"add2\",\"id\":1,\"params\":[1,2],\"context\":"
                + "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}}");
            scripted.send("{\"result\":3,\"error\":null,\"id\":1}");
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            client.notify("ping");
            assertThat(scripted.readLine()).isEqualTo("{\"method\":\"ping\",\"context\":"
                + "{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}}");
            scripted.close();
        }
    }

    @Test
    void aHandlerSideObserverReceivesTheContextAndAnythingButStringsInItIsIgnored() {
        Propagating observer = new Propagating();
        try (BjsonRpcServer observed = BjsonRpcServer.builder().host("127.0.0.1").port(0)
                .handlerFactory(connection -> new ServerHandler()).addObserver(observer).start();
                RawPeer peer = RawPeer.connect(observed.port())) {
            peer.send("{\"method\":\"ping\",\"id\":1,\"context\":{\"traceparent\":\"00-ab-cd-01\",\"n\":1}}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":1}");
            peer.send("{\"method\":\"ping\",\"id\":2,\"context\":\"not an object\"}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":2}");
            assertThat(observer.received).containsExactly(Map.of("traceparent", "00-ab-cd-01"), Map.of());
        }
    }

    @Test
    void jsonRpc2RequestsGetErrorObjectsWithTheirCodes() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"add2\",\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32602,\"message\":"
                + "\"TypeError: ServerHandler.add2() missing 2 required positional arguments: 'a' and 'b'\"},"
                + "\"id\":1}");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"crash\",\"params\":[\"x\"],\"id\":2}");
            assertThat(peer.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":"
                + "\"ValueError: cannot handle x\"},\"id\":2}");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"params\":[\"quota\"],\"id\":3}");
            assertThat(peer.readLine())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32000,\"message\":\"quota\"},\"id\":3}");
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":4}");
            assertThat(peer.readLine())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Unknown format\"},\"id\":4}");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"nosuch_0001.size\",\"id\":5}");
            assertThat(peer.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":"
                + "\"Unknown object 'nosuch_0001'\"},\"id\":5}");
            // a JSON-RPC 2.0 notification gets nothing, even when it fails
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"crash\",\"params\":[\"y\"]}");
            peer.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":6}");
            assertThat(peer.readLine()).isEqualTo("{\"jsonrpc\":\"2.0\",\"result\":\"pong\",\"id\":6}");
        }
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.github.bjsonrpc.support.ClientHandler;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerReplay;
import io.github.bjsonrpc.support.ServerHandler;
import io.github.bjsonrpc.support.Transcript;
import io.github.bjsonrpc.support.Transcript.Direction;
import io.github.bjsonrpc.support.Transcript.Line;

/**
 * Replays every recorded conversation of {@code shared/wire}: the client's lines are sent to our server and its
 * lines must equal the recording byte for byte ({@link ServerReplay}, which lists where we deliberately differ);
 * where the recording has a client side worth checking, our client talks to a scripted server that plays the
 * recorded server lines and checks ours.
 */
class TranscriptReplayTest {

    /** How each transcript is replayed; a transcript missing here fails {@link #everyTranscriptHasAReplay()}. */
    private enum Replay {
        /** Raw client against our server. */
        SERVER,
        /** Raw client against our server, and our client against a scripted server. */
        SERVER_AND_CLIENT,
        /** Our client against a scripted server. */
        CLIENT
    }

    private static final Map<String, Replay> REPLAYS = Map.ofEntries(
        Map.entry("batch", Replay.SERVER),
        Map.entry("big_integers", Replay.SERVER_AND_CLIENT),
        Map.entry("call_keyword", Replay.SERVER_AND_CLIENT),
        Map.entry("call_no_params", Replay.SERVER_AND_CLIENT),
        Map.entry("call_positional", Replay.SERVER_AND_CLIENT),
        Map.entry("call_positional_and_keyword", Replay.SERVER_AND_CLIENT),
        Map.entry("client_jsonrpc2_replies", Replay.CLIENT),
        Map.entry("client_unknown_reply_id", Replay.CLIENT),
        Map.entry("exception", Replay.SERVER),
        Map.entry("floats", Replay.SERVER_AND_CLIENT),
        Map.entry("floats_nonfinite", Replay.SERVER_AND_CLIENT),
        Map.entry("function_reference", Replay.SERVER_AND_CLIENT),
        Map.entry("id_counter_shared", Replay.SERVER_AND_CLIENT),
        Map.entry("invalid_json", Replay.SERVER),
        Map.entry("invalid_json_stall", Replay.SERVER),
        Map.entry("jsonrpc2_request", Replay.SERVER),
        Map.entry("method_async", Replay.SERVER_AND_CLIENT),
        Map.entry("non_object_json", Replay.SERVER),
        Map.entry("notify", Replay.SERVER_AND_CLIENT),
        Map.entry("null_and_nested", Replay.SERVER_AND_CLIENT),
        Map.entry("params_shapes", Replay.SERVER),
        Map.entry("peer_disconnect", Replay.CLIENT),
        Map.entry("pipe", Replay.SERVER_AND_CLIENT),
        Map.entry("pipe_empty", Replay.SERVER),
        Map.entry("pipe_error", Replay.SERVER_AND_CLIENT),
        Map.entry("pipe_via_call", Replay.SERVER_AND_CLIENT),
        Map.entry("remote_object", Replay.SERVER),
        Map.entry("remote_object_fixed", Replay.SERVER_AND_CLIENT),
        Map.entry("request_ids", Replay.SERVER),
        Map.entry("reverse_call", Replay.SERVER_AND_CLIENT),
        Map.entry("reverse_call_unknown", Replay.SERVER_AND_CLIENT),
        Map.entry("server_error", Replay.SERVER),
        Map.entry("server_notification", Replay.SERVER_AND_CLIENT),
        Map.entry("threaded_dispatch", Replay.SERVER),
        Map.entry("unicode", Replay.SERVER_AND_CLIENT),
        Map.entry("unicode_raw_utf8", Replay.SERVER),
        Map.entry("unknown_method", Replay.SERVER),
        Map.entry("unserializable_result", Replay.SERVER),
        Map.entry("unthreaded_dispatch", Replay.SERVER),
        Map.entry("wrong_arguments", Replay.SERVER));

    private static BjsonRpcServer server;
    private static BjsonRpcServer threadedServer;

    @BeforeAll
    static void startServers() {
        server = BjsonRpc.createServer("127.0.0.1", 0, connection -> new ServerHandler());
        threadedServer = BjsonRpc.createServer("127.0.0.1", 0, connection -> new ServerHandler(),
            ConnectionOptions.builder().maxConcurrency(4).build());
    }

    @AfterAll
    static void stopServers() {
        server.stop();
        threadedServer.stop();
    }

    @TestFactory
    Stream<DynamicTest> everyTranscriptHasAReplay() {
        return Transcript.names().stream().map(name -> DynamicTest.dynamicTest(name,
            () -> assertThat(REPLAYS).as("replay mode of transcript %s", name).containsKey(name)));
    }

    @TestFactory
    Stream<DynamicTest> againstOurServer() {
        return Transcript.names().stream()
            .filter(name -> REPLAYS.get(name) == Replay.SERVER || REPLAYS.get(name) == Replay.SERVER_AND_CLIENT)
            .map(name -> DynamicTest.dynamicTest(name, () -> replayAgainstServer(name)));
    }

    @TestFactory
    Stream<DynamicTest> withOurClient() {
        return Transcript.names().stream()
            .filter(name -> REPLAYS.get(name) == Replay.CLIENT || REPLAYS.get(name) == Replay.SERVER_AND_CLIENT)
            .map(name -> DynamicTest.dynamicTest(name, () -> replayWithClient(name)));
    }

    /** The reference stalls lines buffered behind a dropped one (PROTOCOL 17.5); we answer them at once. */
    @Test
    void invalidJsonStallDoesNotStall() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.writeRaw("garbage\n{\"method\":\"ping\",\"id\":1}\n");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":1}");
        }
    }

    private static void replayAgainstServer(String name) {
        ServerReplay.replay(name.equals("threaded_dispatch") ? threadedServer.port() : server.port(), name);
    }

    /** What our client does in a scenario, checked against the scripted server's recorded lines. */
    private interface ClientScript {
        void run(Connection connection) throws Exception;
    }

    private static void replayWithClient(String name) throws Exception {
        ClientHandler clientHandler = new ClientHandler();
        HandlerFactory factory = name.equals("reverse_call_unknown") ? HandlerFactory.NONE : c -> clientHandler;
        ClientScript script = clientScript(name, clientHandler);
        Transcript transcript = Transcript.load(name);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connection connection = BjsonRpc.connect("127.0.0.1", listener.getLocalPort(), factory);
                RawPeer scripted = RawPeer.accept(listener)) {
            CompletableFuture<Void> client = CompletableFuture.runAsync(() -> {
                try {
                    script.run(connection);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            for (Line line : transcript.lines()) {
                if (line.direction() == Direction.C2S) {
                    assertThat(scripted.readLine()).as("%s: next line from our client", name).isEqualTo(line.text());
                } else {
                    scripted.send(line.text());
                }
            }
            if (name.equals("peer_disconnect")) {
                scripted.close();
            }
            client.get(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ClientScript clientScript(String name, ClientHandler handler) {
        return switch (name) {
            case "big_integers" -> c -> {
                assertThat(c.call("echo", 9007199254740993L)).isEqualTo(9007199254740993L);
                assertThat(c.call("echo", BigInteger.TWO.pow(64))).isEqualTo(BigInteger.TWO.pow(64));
                assertThat(c.call("echo", BigInteger.TWO.pow(70).negate())).isEqualTo(BigInteger.TWO.pow(70).negate());
                assertThat(c.call("addN", BigInteger.TWO.pow(63), 1)).isEqualTo(BigInteger.TWO.pow(63).add(BigInteger.ONE));
            };
            case "call_keyword" -> c -> {
                assertThat(c.call("getabc", Params.none().with("a", 1).with("b", 2).with("c", 3)))
                    .isEqualTo(List.of(1, 2, 3));
                assertThat(c.call("getabc", Params.none().with("c", "c").with("b", "b")))
                    .isEqualTo(Arrays.asList(null, "b", "c"));
            };
            case "call_no_params" -> c -> {
                assertThat(c.call("ping")).isEqualTo("pong");
                assertThat(c.call(String.class, "ping")).isEqualTo("pong");
                assertThat(c.call("getabc")).isEqualTo(Arrays.asList(null, null, null));
            };
            case "call_positional" -> c -> {
                assertThat(c.call(Integer.class, "add2", 3, 4)).isEqualTo(7);
                assertThat(c.call("addN", 1, 2, 3, 4, 5)).isEqualTo(15);
                assertThat(c.call("addN")).isEqualTo(0);
                assertThat(c.call("addnlist", List.of(List.of(1, 2), List.of(3, 4, 5), List.of()))).isEqualTo(15);
            };
            case "call_positional_and_keyword" -> c -> {
                assertThat(c.call("getabc", Params.of(1).with("c", 3))).isEqualTo(Arrays.asList(1, null, 3));
                assertThat(c.call("getabc", Params.of(1, 2).with("c", List.of(3)))).isEqualTo(List.of(1, 2, List.of(3)));
            };
            case "client_jsonrpc2_replies" -> c -> {
                assertThat(c.call("ping")).isEqualTo("pong");
                assertThatThrownBy(() -> c.call("nosuch")).isInstanceOfSatisfying(RemoteError.class,
                    e -> assertThat(e.error()).isEqualTo(Map.of("code", -32601, "message", "Method not found")));
            };
            case "client_unknown_reply_id" -> c -> {
                assertThat(c.call("ping")).isEqualTo("pong");
                assertThat(c.call("ping")).isEqualTo("late");
                assertThat(c.call("ping")).isEqualTo("ok");
            };
            case "function_reference" -> c -> {
                assertThat(c.call("applyfn", c.function("add2"), List.of(2, 3))).isEqualTo(5);
                RemoteObject list = c.call(RemoteObject.class, "newList");
                assertThat(list.name()).isEqualTo("mylist_0001");
                assertThat(c.call("applyfn", list.function("addlist"), List.of(List.of(1, 2, 3)))).isNull();
                assertThat(c.call("applyfn", list.function("sum"), List.of())).isEqualTo(6);
            };
            case "id_counter_shared" -> c -> {
                assertThat(c.call("newList")).isEqualTo(new RemoteObject(c, "mylist_0001"));
                assertThat(c.call(RemoteObject.class, "newList").name()).isEqualTo("mylist_0002");
                assertThat(c.call("askClient", 1)).isEqualTo("py-client:11");
            };
            case "remote_object_fixed" -> c -> {
                RemoteObject list = c.call(RemoteObject.class, "newList");
                assertThat(list.call("add", 1)).isNull();
                list.notify("add", 2);
                list.call("addlist", List.of(3, 4));
                assertThat(list.call("items", 1)).isEqualTo(List.of(2, 3, 4));
                assertThat(list.call("items", Params.none().with("end", 2))).isEqualTo(List.of(1, 2));
                assertThat(list.call("sum")).isEqualTo(10);
                assertThat(c.call("listsum", list)).isEqualTo(10);
                RemoteObject chronometer = (RemoteObject) c.call("newChronometer");
                chronometer.call("start");
                chronometer.call("stop");
                assertThat(chronometer.call("lapse")).isEqualTo(1);
                list.close();
                list.close();
                list.method("sum");
                assertThat(c.call("ping")).isEqualTo("pong");
            };
            case "floats" -> c -> {
                for (double value : new double[] {0.1, 1e20, 1e-7, -0.0, 1.0, Math.PI, 1.5e300}) {
                    assertThat(c.call("echo", value)).isEqualTo(value);
                }
                assertThat(c.call("addN", 0.1, 0.2)).isEqualTo(0.1 + 0.2);
            };
            case "floats_nonfinite" -> c -> {
                assertThat(c.call("echo", Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(c.call("echo", Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(c.call(Double.class, "echo", Double.NaN)).isNaN();
            };
            case "method_async" -> c -> {
                Request<Object> first = c.method("add2", 1, 2);
                Request<String> second = c.method(String.class, "echo", "two");
                Request<Object> third = c.method("addN", 3, 4, 5);
                assertThat(third.value()).isEqualTo(12);
                assertThat(second.value()).isEqualTo("two");
                assertThat(first.value()).isEqualTo(3);
            };
            case "notify" -> c -> {
                c.notify("echo", "fire and forget");
                c.notify("nosuch");
                c.notify("fail", "ignored");
                c.notify("add2");
                assertThat(c.call("ping")).isEqualTo("pong");
            };
            case "null_and_nested" -> c -> {
                assertThat(c.call("echo", (Object) null)).isNull();
                Map<String, Object> nested = new java.util.LinkedHashMap<>();
                nested.put("a", Arrays.asList(1, nullValued("b")));
                nested.put("c", Map.of("d", Map.of("e", "f")));
                nested.put("t", true);
                nested.put("f", false);
                nested.put("empty", Map.of());
                nested.put("list", List.of());
                assertThat(c.call("echo", nested)).isEqualTo(nested);
                assertThat(c.call("getabc", null, List.of(), Map.of())).isEqualTo(Arrays.asList(null, List.of(), Map.of()));
            };
            case "peer_disconnect" -> c -> assertThatThrownBy(() -> c.call("ping"))
                .isInstanceOf(ConnectionClosedException.class);
            case "pipe" -> c -> {
                try (Pipe<Object> pipe = c.pipe("pipe", Arrays.asList(1, "two", 3.5, null, Map.of("k", "v"), List.of(6)))) {
                    Iterator<Object> elements = pipe.iterator();
                    List<Object> seen = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        seen.add(elements.next());
                    }
                    assertThat(seen).isEqualTo(Arrays.asList(1, "two", 3.5, null, Map.of("k", "v"), List.of(6)));
                }
            };
            case "pipe_error" -> c -> {
                Iterator<Object> elements = c.pipe("pipefail", 2).iterator();
                assertThat(elements.next()).isEqualTo(0);
                assertThat(elements.next()).isEqualTo(1);
                assertThatThrownBy(elements::hasNext).isInstanceOf(RemoteError.class)
                    .hasMessage("ValueError: pipe broke after 2 items");
            };
            case "pipe_via_call" -> c -> {
                assertThat(c.call("pipe", List.of(10, 20, 30))).isEqualTo(10);
                assertThat(c.call("ping")).isEqualTo("pong");
            };
            case "reverse_call" -> c -> assertThat(c.call("askClient", 5)).isEqualTo("py-client:15");
            case "reverse_call_unknown" -> c -> assertThatThrownBy(() -> c.call("askClientMissing"))
                .isInstanceOf(RemoteError.class).hasMessage("Unknown method 'noSuchClientMethod'");
            case "server_notification" -> c -> {
                assertThat(c.call("notifyMe", "hello")).isEqualTo("sent");
                await().atMost(Duration.ofSeconds(5)).until(() -> handler.notesSeen().contains("hello"));
            };
            case "unicode" -> c -> {
                String text = "h\u00e9llo w\u00f6rld \u2713 \ud83d\ude00 \u65e5\u672c\u8a9e \"quoted\" back\\slash\ttab\nnewline";
                assertThat(c.call("echo", text)).isEqualTo(text);
            };
            default -> throw new IllegalArgumentException("no client script for " + name);
        };
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(key, null);
        return map;
    }
}

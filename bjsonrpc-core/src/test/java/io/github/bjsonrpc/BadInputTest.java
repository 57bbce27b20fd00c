package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/** Input the reference chokes on: our server drops or answers it and keeps serving everyone. */
class BadInputTest {

    private static final String PONG = "{\"result\":\"pong\",\"error\":null,\"id\":1}";
    private static final String PING = "{\"method\":\"ping\",\"id\":1}";

    private static final int MAX_LINE = 1024;

    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private BjsonRpcServer server;

    @BeforeEach
    void start() {
        server = BjsonRpcServer.builder().host("127.0.0.1").port(0).handlerFactory(c -> new ServerHandler())
            .options(ConnectionOptions.builder().maxLineLength(MAX_LINE).build())
            .addObserver(new RpcObserver() {
                @Override
                public void rejected(Connection connection, String reason) {
                    rejected.add(reason);
                }
            })
            .start();
    }

    /** An echo request of exactly {@code length} bytes, its id {@code id}. */
    private static String echoLine(int id, int length) {
        String head = "{\"method\":\"echo\",\"id\":" + id + ",\"params\":[\"";
        String tail = "\"]}";
        return head + "x".repeat(length - head.length() - tail.length()) + tail;
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anOversizedLineIsDiscardedAndTheNextOneAnswered() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.writeRaw("{\"method\":\"echo\",\"id\":9,\"params\":[\"" + "x".repeat(100_000) + "\"]}\n" + PING + "\n");
            assertThat(peer.readLine()).isEqualTo(PONG);
        }
        assertThat(rejected).containsExactly("too-long");
    }

    @Test
    void aLineOfTheLongestLengthIsReadAndOneByteMoreIsNot() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            String longest = echoLine(2, MAX_LINE);
            peer.writeRaw(echoLine(3, MAX_LINE + 1) + "\n" + longest + "\r\n" + echoLine(4, MAX_LINE + 1) + "\r\n"
                + longest + "\n");
            String echoed = longest.substring(longest.indexOf("[\"") + 2, longest.length() - "\"]}".length());
            String answer = "{\"result\":\"" + echoed + "\",\"error\":null,\"id\":2}";
            assertThat(peer.readLine()).isEqualTo(answer);
            assertThat(peer.readLine()).isEqualTo(answer);
        }
        assertThat(rejected).containsExactly("too-long", "too-long");
    }

    @Test
    void anOversizedLineArrivingInPiecesIsDroppedOnceAndNeverBufferedWhole() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.writeRaw("{\"method\":\"echo\",\"id\":5,\"params\":[\"");
            for (int i = 0; i < 64; i++) {
                // each piece alone fits in a line; together they are 64 times too long
                peer.writeRaw("y".repeat(MAX_LINE));
            }
            peer.writeRaw("\"]}\n" + PING + "\n");
            assertThat(peer.readLine()).isEqualTo(PONG);
        }
        assertThat(rejected).containsExactly("too-long");
    }

    @Test
    void bytesThatAreNotUtf8AreDroppedAndHarmNoOtherConnection() {
        try (RawPeer bad = RawPeer.connect(server.port()); RawPeer other = RawPeer.connect(server.port())) {
            bad.writeBytes(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}', '\n'});
            bad.send(PING);
            assertThat(bad.readLine()).isEqualTo(PONG);
            other.send(PING);
            assertThat(other.readLine()).isEqualTo(PONG);
        }
    }

    @Test
    void crLfEmptyLinesAndLinesSplitAcrossWritesAreFine() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.writeRaw("\n\r\n   \n" + PING + "\r\n");
            assertThat(peer.readLine()).isEqualTo(PONG);
            byte[] line = "{\"method\":\"echo\",\"params\":[\"h\u00e9\"],\"id\":2}\n".getBytes(StandardCharsets.UTF_8);
            int split = 26; // inside the two bytes of the accented letter
            peer.writeBytes(java.util.Arrays.copyOfRange(line, 0, split));
            peer.writeBytes(java.util.Arrays.copyOfRange(line, split, line.length));
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"h\\u00e9\",\"error\":null,\"id\":2}");
        }
    }

    @Test
    void severalValuesOnOneLineAreDropped() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send(PING + " " + PING);
            peer.send(PING);
            assertThat(peer.readLine()).isEqualTo(PONG);
        }
    }

    @Test
    void paramsOfTheWrongShapeGetATypeError() {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"echo\",\"params\":5,\"id\":1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"TypeError: ServerHandler.echo() "
                + "argument after * must be an iterable, not int\",\"id\":1}");
            peer.send("{\"method\":\"add2\",\"params\":[\"x\",1],\"id\":2}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"TypeError: ServerHandler.add2() "
                + "argument 'a': cannot convert \\\"x\\\" to number\",\"id\":2}");
        }
    }
}

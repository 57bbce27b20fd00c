package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/** Input the reference chokes on: our server drops or answers it and keeps serving everyone. */
class BadInputTest {

    private static final String PONG = "{\"result\":\"pong\",\"error\":null,\"id\":1}";
    private static final String PING = "{\"method\":\"ping\",\"id\":1}";

    private BjsonRpcServer server;

    @BeforeEach
    void start() {
        server = BjsonRpc.createServer("127.0.0.1", 0, c -> new ServerHandler(),
            ConnectionOptions.builder().maxLineLength(1024).build());
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

package io.github.bjsonrpc.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.bjsonrpc.support.Transcript.Direction;
import io.github.bjsonrpc.support.Transcript.Line;

/**
 * Replays a recorded conversation against a server publishing the reference's handler table: the client's lines
 * are sent over a raw socket and the server's lines must equal the recording byte for byte, except where we
 * deliberately differ from the reference (its bugs), listed here with their reasons; {@code docs/protocol.md}
 * ("Where we differ from the reference, and why") describes each. The recordings are the test resources of
 * {@code bjsonrpc-core/src/test/resources/wire/}.
 */
public final class ServerReplay {

    private ServerReplay() {
    }

    /** Where we answer differently from the recording, on purpose. */
    public static final Map<String, UnaryOperator<List<Line>>> DIFFERENCES = Map.of(
        // every batch element is dispatched: a bad element does not abort the rest
        "batch", lines -> insertAfter(lines, "{\"result\":\"pong\",\"error\":null,\"id\":10}",
            s2c("{\"result\":\"pong\",\"error\":null,\"id\":11}")),
        // a JSON-RPC 2.0 request gets a JSON-RPC 2.0 reply, with an error object
        "jsonrpc2_request", lines -> replaceServerLines(lines, List.of(
            "{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"result\":[null,2,null],\"id\":2}",
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Unknown method 'nosuch'\"},\"id\":3}")),
        // "params": null means no arguments, and the request is answered
        "params_shapes", lines -> insertAfter(lines, "{\"method\":\"ping\",\"params\":null,\"id\":4}",
            s2c("{\"result\":\"pong\",\"error\":null,\"id\":4}")),
        // the reference at HEAD answers object calls "Unknown method" and never answers __delete__:
        // we behave as release 0.2.1 did, so add(1) works, the sum counts both adds, and the close is answered
        "remote_object", lines -> insertAfter(replaceServerLines(lines, List.of(
            "{\"result\":{\"__remoteobject__\":\"mylist_0001\"},\"error\":null,\"id\":1}",
            "{\"result\":null,\"error\":null,\"id\":2}",
            "{\"result\":3,\"error\":null,\"id\":3}",
            "{\"result\":{\"__remoteobject__\":\"mylist_0001\"},\"error\":null,\"id\":4}",
            "{\"result\":{\"__remoteobject__\":\"chronometer_0002\"},\"error\":null,\"id\":5}")),
            "{\"method\":\"mylist_0001.__delete__\",\"id\":6}", s2c("{\"result\":null,\"error\":null,\"id\":6}")),
        // a call on a deleted object is answered with an error instead of silence
        "remote_object_fixed", lines -> insertAfter(lines, "{\"method\":\"mylist_0001.sum\",\"id\":13}",
            s2c("{\"result\":null,\"error\":\"Unknown object 'mylist_0001'\",\"id\":13}")),
        // an unserializable result says so
        "unserializable_result", lines -> replaceServerLines(lines, List.of(
            "{\"result\":null,\"error\":\"TypeError: Object of type Object is not JSON serializable\",\"id\":1}")));

    /**
     * The lines of a scenario as our server must speak them.
     *
     * @param name the scenario
     * @return the recorded lines, with our documented differences applied
     */
    public static List<Line> expected(String name) {
        return DIFFERENCES.getOrDefault(name, UnaryOperator.identity()).apply(Transcript.load(name).lines());
    }

    /**
     * Replays a scenario against a server, then checks with a last ping that nothing else was written.
     *
     * @param port the server's port on 127.0.0.1
     * @param name the scenario
     */
    public static void replay(int port, String name) {
        replay(port, name, UnaryOperator.identity());
    }

    /**
     * Replays a scenario against a server whose handler classes have other names than the reference's
     * {@code ServerHandler}, which Python-style {@code TypeError} texts name.
     *
     * @param port the server's port on 127.0.0.1
     * @param name the scenario
     * @param serverLines rewrites each expected server line before it is compared
     */
    public static void replay(int port, String name, UnaryOperator<String> serverLines) {
        try (RawPeer peer = RawPeer.connect(port)) {
            for (Line line : expected(name)) {
                if (line.direction() == Direction.C2S) {
                    peer.send(line.text());
                } else {
                    assertThat(peer.readLine()).as("%s: next line from our server", name)
                        .isEqualTo(serverLines.apply(line.text()));
                }
            }
            // silence where the recording is silent: the answer to this ping is the next line
            peer.send("{\"method\":\"ping\",\"id\":\"end\"}");
            assertThat(peer.readLine()).as("%s: no extra line", name)
                .isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":\"end\"}");
        }
    }

    private static Line s2c(String text) {
        return new Line(Direction.S2C, text);
    }

    private static List<Line> insertAfter(List<Line> lines, String after, Line inserted) {
        List<Line> patched = new ArrayList<>(lines);
        int at = patched.stream().map(Line::text).toList().indexOf(after);
        assertThat(at).as("line to patch after: %s", after).isNotNegative();
        patched.add(at + 1, inserted);
        return patched;
    }

    private static List<Line> replaceServerLines(List<Line> lines, List<String> replacements) {
        List<Line> patched = new ArrayList<>();
        Iterator<String> next = replacements.iterator();
        for (Line line : lines) {
            patched.add(line.direction() == Direction.S2C ? s2c(next.next()) : line);
        }
        assertThat(next.hasNext()).as("every replacement used").isFalse();
        return patched;
    }
}

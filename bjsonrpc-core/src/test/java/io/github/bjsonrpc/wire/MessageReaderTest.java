package io.github.bjsonrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * How one line becomes messages: classified as the reference classifies them, each member as the last of its name,
 * and a line that is not one JSON value, wherever it goes wrong, handing over nothing at all.
 */
class MessageReaderTest {

    /** What the reader handed over, in order, as short texts. */
    private static List<String> read(String line) {
        List<String> seen = new ArrayList<>();
        byte[] bytes = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8);
        MessageReader.read(bytes, 2, bytes.length - 4, new MessageVisitor() {
            @Override
            public void request(RequestMessage r) {
                seen.add("request " + r.method() + " id=" + r.id() + " params=" + r.params() + " kwparams="
                    + r.kwparams() + (r.jsonRpc2() ? " 2.0" : "") + (r.pipeEnd() ? " pipeend" : ""));
            }

            @Override
            public void reply(ReplyMessage r) {
                seen.add("reply id=" + r.id() + " result=" + r.result() + " error=" + r.error()
                    + (r.pipeEnd() ? " pipeend" : ""));
            }

            @Override
            public void unknownFormat(JsonNode id, boolean jsonRpc2) {
                seen.add("unknown-format id=" + id + (jsonRpc2 ? " 2.0" : ""));
            }

            @Override
            public void dropped(String reason) {
                seen.add("dropped " + reason);
            }
        });
        return seen;
    }

    @Test
    void requestsAndRepliesKeepTheirMembersAsSent() {
        assertThat(read("{\"method\":\"add\",\"id\":7,\"params\":[1,2.5],\"kwparams\":{\"c\":\"\\u00e9\"}}"))
            .containsExactly("request add id=7 params=[1,2.5] kwparams={\"c\":\"é\"}");
        assertThat(read("{\"result\":{\"a\":[1,null]},\"error\":null,\"id\":\"x\"}"))
            .containsExactly("reply id=\"x\" result={\"a\":[1,null]} error=null");
        assertThat(read("{\"id\":3,\"error\":\"ValueError: no\"}"))
            .containsExactly("reply id=3 result=null error=\"ValueError: no\"");
        assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"p\",\"params\":null,\"id\":null,\"pipeend\":true}"))
            .containsExactly("request p id=null params=null kwparams=null 2.0 pipeend");
        assertThat(read("{\"result\":null,\"error\":null,\"id\":4,\"pipeend\":true,\"extra\":[{}]}"))
            .containsExactly("reply id=4 result=null error=null pipeend");
    }

    @Test
    void numbersAreReadAsTheReferenceWritesThem() {
        List<ReplyMessage> replies = new ArrayList<>();
        byte[] line = "{\"result\":[NaN,-Infinity,1.0,12345678901234567890,2147483648],\"id\":1}"
            .getBytes(StandardCharsets.UTF_8);
        MessageReader.read(line, 0, line.length, new MessageVisitor() {
            @Override
            public void request(RequestMessage request) {
            }

            @Override
            public void reply(ReplyMessage reply) {
                replies.add(reply);
            }

            @Override
            public void unknownFormat(JsonNode id, boolean jsonRpc2) {
            }

            @Override
            public void dropped(String reason) {
            }
        });

        JsonNode result = replies.get(0).result();
        assertThat(Double.isNaN(result.get(0).doubleValue())).isTrue();
        assertThat(result.get(1).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(result.get(2).isDouble()).isTrue();
        assertThat(result.get(3).bigIntegerValue()).isEqualTo(new java.math.BigInteger("12345678901234567890"));
        assertThat(result.get(4).isLong()).isTrue();
    }

    @Test
    void objectsAreClassifiedAsTheReferenceClassifiesThem() {
        assertThat(read("{\"result\":1,\"method\":\"m\",\"id\":1}")).containsExactly("request m id=1 params=null "
            + "kwparams=null");
        assertThat(read("{\"method\":5,\"id\":2}")).containsExactly("unknown-format id=2");
        assertThat(read("{\"method\":5}")).containsExactly("dropped no-id");
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":9}")).containsExactly("unknown-format id=9 2.0");
        assertThat(read("{\"id\":null,\"other\":1}")).containsExactly("dropped no-id");
        assertThat(read("{\"id\":1,\"id\":2,\"method\":\"a\",\"method\":\"b\"}"))
            .containsExactly("request b id=2 params=null kwparams=null");
    }

    @Test
    void aBatchIsClassifiedElementByElement() {
        assertThat(read("[{\"method\":\"a\"},5,[{\"method\":\"nested\"}],{\"result\":2,\"id\":1},\"s\"]"))
            .containsExactly("request a id=null params=null kwparams=null", "dropped not-an-object",
                "dropped not-an-object", "reply id=1 result=2 error=null", "dropped not-an-object");
        assertThat(read("[]")).containsExactly("dropped empty-batch");
        assertThat(read("\"just a string\"")).containsExactly("dropped not-an-object");
        assertThat(read("null")).containsExactly("dropped not-an-object");
    }

    @Test
    void aLineThatIsNotOneJsonValueHandsOverNothing() {
        assertThat(read("")).containsExactly("dropped empty");
        assertThat(read("{\"method\":\"a\"")).containsExactly("dropped malformed");
        assertThat(read("[{\"method\":\"a\"},{\"method\":\"b\",]")).containsExactly("dropped malformed");
        assertThat(read("[{\"method\":\"a\"}, {\"method\":\"b\", \"params\":[\"\\x\"]}]"))
            .containsExactly("dropped malformed");
        assertThat(read("{\"method\":\"a\",\"unknown\":[tru]}")).containsExactly("dropped malformed");
        assertThat(read("{\"method\":\"a\"} {\"method\":\"b\"}")).containsExactly("dropped malformed");
        assertThat(read("{\"method\":\"a\"} x")).containsExactly("dropped malformed");
    }
}

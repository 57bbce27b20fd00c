package io.github.bjsonrpc.wire;

import tools.jackson.databind.JsonNode;

/** Receives what {@link MessageReader} found on one line, in order; a batch calls it once per element. */
public interface MessageVisitor {

    /** A request or notification. */
    void request(RequestMessage request);

    /** A reply to one of our own requests (or to nothing we know). */
    void reply(ReplyMessage reply);

    /**
     * An object with an id but no {@code method}, {@code result} or {@code error}: the reference answers it with the
     * error {@code Unknown format}.
     *
     * @param id the id token to answer to
     * @param jsonRpc2 whether the object carried {@code "jsonrpc":"2.0"}
     */
    void unknownFormat(JsonNode id, boolean jsonRpc2);

    /**
     * A line or batch element that gets no answer at all.
     *
     * @param reason why, for counters and logs: {@code "empty"} (a blank line), {@code "malformed"} (not one JSON
     *        value), {@code "empty-batch"} ({@code []}), {@code "not-an-object"} (a value or batch element that is no
     *        object), {@code "no-id"} (an object that is no message and has no id to answer)
     */
    void dropped(String reason);
}

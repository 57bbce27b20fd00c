package io.github.bjsonrpc.wire;

import tools.jackson.databind.JsonNode;

/**
 * A reply that arrived: {@code {"result":R,"error":E,"id":I}}, or the JSON-RPC 2.0 form of it.
 *
 * @param id the id token as sent
 * @param result the {@code result} member, JSON {@code null} when absent
 * @param error the {@code error} member when present and not JSON {@code null}; otherwise {@code null}
 * @param pipeEnd whether this is the end-of-pipe marker, which carries no element
 */
public record ReplyMessage(JsonNode id, JsonNode result, JsonNode error, boolean pipeEnd) {

    /** Whether the peer answered with an error. */
    public boolean isError() {
        return error != null;
    }
}

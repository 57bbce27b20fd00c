package io.github.bjsonrpc.wire;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A request that arrived: {@code {"method":M,"id":I,"params":P,"kwparams":K}}.
 *
 * @param method the method name as sent, dotted names ({@code obj_0001.add}) included
 * @param id the id token exactly as sent, echoed unchanged in the reply; {@code null} for a notification
 *        (no id, or {@code "id":null})
 * @param params the {@code params} member, or {@code null} when absent or JSON {@code null}
 * @param kwparams the {@code kwparams} member, or {@code null} when absent
 * @param jsonRpc2 whether the request carried {@code "jsonrpc":"2.0"}: it is then answered in JSON-RPC 2.0 form
 * @param pipeEnd whether the caller asked for an end-of-pipe marker ({@value MessageWriter#PIPE_END})
 * @param context the context the caller propagated ({@value MessageWriter#CONTEXT}: trace headers), empty when
 *        none
 */
public record RequestMessage(String method, JsonNode id, JsonNode params, JsonNode kwparams, boolean jsonRpc2,
        boolean pipeEnd, Map<String, String> context) {

    /** Whether no reply is expected. */
    public boolean isNotification() {
        return id == null;
    }
}

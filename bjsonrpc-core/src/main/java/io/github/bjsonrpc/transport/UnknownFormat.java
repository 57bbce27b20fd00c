package io.github.bjsonrpc.transport;

import tools.jackson.databind.JsonNode;

/**
 * An object with an id that is no message, as it leaves the {@link MessageDecoder}: answered {@code Unknown format}.
 *
 * @param id the id to answer
 * @param jsonRpc2 whether to answer in JSON-RPC 2.0 form
 */
record UnknownFormat(JsonNode id, boolean jsonRpc2) {
}

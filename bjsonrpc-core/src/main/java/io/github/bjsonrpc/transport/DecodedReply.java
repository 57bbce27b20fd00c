package io.github.bjsonrpc.transport;

import io.github.bjsonrpc.wire.ReplyMessage;

/**
 * A reply as it leaves the {@link MessageDecoder}.
 *
 * @param message the reply
 * @param bytes its share of the line that carried it: the whole line, or an equal part of a batch
 */
record DecodedReply(ReplyMessage message, int bytes) {
}

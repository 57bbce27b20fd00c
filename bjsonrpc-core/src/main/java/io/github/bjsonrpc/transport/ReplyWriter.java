package io.github.bjsonrpc.transport;

import java.util.function.BooleanSupplier;

import io.github.bjsonrpc.dispatch.ReplySink;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import tools.jackson.databind.JsonNode;

/** Writes the replies of one connection: the dispatcher's, and the refusals of lines over the queue limit. */
final class ReplyWriter implements ReplySink {

    private final LineEncoder lines;
    private final Outbox outbox;
    private final BooleanSupplier open;

    ReplyWriter(LineEncoder lines, Outbox outbox, BooleanSupplier open) {
        this.lines = lines;
        this.outbox = outbox;
        this.open = open;
    }

    @Override
    public void result(RequestMessage request, Object value) {
        outbox.write(lines.result(request, value));
    }

    @Override
    public void error(RequestMessage request, String message, int code) {
        outbox.write(lines.error(request.id(), request.jsonRpc2(), message, code));
    }

    @Override
    public void pipeEnd(RequestMessage request) {
        outbox.write(lines.pipeEnd(request));
    }

    @Override
    public boolean isOpen() {
        return open.getAsBoolean();
    }

    /**
     * Answers a line that needed a reply but found the queue full.
     *
     * @param id the id to answer
     * @param jsonRpc2 whether to answer in JSON-RPC 2.0 form
     * @param limit the queue limit, named in the message
     */
    void busy(JsonNode id, boolean jsonRpc2, int limit) {
        String busy = "Server busy: " + limit + " requests of this connection are already waiting; retry later";
        outbox.write(lines.error(id, jsonRpc2, busy, MessageWriter.SERVER_ERROR));
    }
}

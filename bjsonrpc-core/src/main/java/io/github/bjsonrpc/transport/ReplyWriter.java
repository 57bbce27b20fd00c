package io.github.bjsonrpc.transport;

import java.util.function.BooleanSupplier;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.dispatch.CallContext;
import io.github.bjsonrpc.dispatch.InboundQueue;
import io.github.bjsonrpc.dispatch.ReplySink;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import tools.jackson.databind.JsonNode;

/**
 * Writes the replies of one connection: the dispatcher's, and the refusals of lines over the queue limit. A final
 * reply written by a handler thread while it runs this connection's requests may wait for the end of that run (or
 * for the thread to wait on a peer) to go out with the replies after it, one write for a burst: the connection's
 * {@link InboundQueue} asks for the flush when it pauses, and the {@link Outbox} bounds the wait. Pipe elements go
 * out at once.
 */
final class ReplyWriter implements ReplySink {

    private final Connection connection;
    private final LineEncoder lines;
    private final Outbox outbox;
    private final BooleanSupplier open;

    ReplyWriter(Connection connection, LineEncoder lines, Outbox outbox, BooleanSupplier open) {
        this.connection = connection;
        this.lines = lines;
        this.outbox = outbox;
        this.open = open;
    }

    @Override
    public void result(RequestMessage request, Object value) {
        write(lines.result(request, value));
    }

    @Override
    public void element(RequestMessage request, Object value) {
        outbox.write(lines.result(request, value).toBuffer());
    }

    @Override
    public void error(RequestMessage request, String message, int code) {
        write(lines.error(request.id(), request.jsonRpc2(), message, code));
    }

    @Override
    public void pipeEnd(RequestMessage request) {
        write(lines.pipeEnd(request));
    }

    private void write(LineEncoder.Line line) {
        if (CallContext.currentConnection() == connection) {
            outbox.writeDeferred(line);
        } else {
            outbox.write(line.toBuffer());
        }
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
        outbox.write(lines.error(id, jsonRpc2, busy, MessageWriter.SERVER_ERROR).toBuffer());
    }
}

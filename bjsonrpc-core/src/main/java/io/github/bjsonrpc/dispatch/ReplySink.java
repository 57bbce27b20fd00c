package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.wire.RequestMessage;

/** Where the dispatcher's replies go: the connection's write path, in order. */
public interface ReplySink {

    /**
     * Writes one result reply.
     *
     * @param request the request answered
     * @param value the result
     * @throws tools.jackson.core.JacksonException if the value cannot be written as JSON; nothing was sent then
     */
    void result(RequestMessage request, Object value);

    /**
     * Writes one element of a pipe: it goes out at once, whatever the element after it takes to come.
     *
     * @param request the pipe request
     * @param value the element
     * @throws tools.jackson.core.JacksonException if the value cannot be written as JSON; nothing was sent then
     */
    void element(RequestMessage request, Object value);

    /**
     * Writes one error reply.
     *
     * @param request the request answered
     * @param message the error text
     * @param code the JSON-RPC 2.0 code, for peers that speak it
     */
    void error(RequestMessage request, String message, int code);

    /**
     * Writes the end-of-pipe marker the caller asked for.
     *
     * @param request the pipe request
     */
    void pipeEnd(RequestMessage request);

    /** Whether replies can still be delivered: the connection is open. */
    boolean isOpen();
}

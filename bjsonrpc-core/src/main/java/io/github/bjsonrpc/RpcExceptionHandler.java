package io.github.bjsonrpc;

/**
 * Decides what the peer is told when a handler fails with an exception: the error text and code of the reply. The
 * handlers of a connection are asked in the order they were registered
 * ({@link ConnectionOptions.Builder#addExceptionHandler}, {@link EndpointBuilder#addExceptionHandler}), and the first
 * that answers decides; when none does, the reference's rules apply: a {@link ServerError} sends its message alone,
 * a {@link RemoteError} (a call of the handler's own failed) its peer's text unchanged, any other exception
 * {@code SimpleClassName: message}.
 *
 * <pre>{@code
 * RpcExceptionHandler notFound = (connection, method, failure) ->
 *     failure instanceof NoSuchElementException ? ErrorReply.of("Not found") : null;
 * }</pre>
 *
 * Handlers see exceptions only: an {@link Error} is always answered with a generic error (see
 * {@link BjsonRpc}). What a handler throws is logged and counts as no answer. Each failure is logged once, by this
 * library, whatever answers it: a handler need not log.
 */
@FunctionalInterface
public interface RpcExceptionHandler {

    /**
     * @param connection the connection whose request failed
     * @param method the method as the peer named it
     * @param failure what the handler (or an interceptor) threw
     * @return the error the peer gets, or {@code null} to let the next handler decide
     */
    ErrorReply handle(Connection connection, String method, Exception failure);

    /**
     * A handler that keeps the details of unexpected exceptions in this side's log: for any exception but a
     * {@link ServerError} or a {@link RemoteError}, the peer gets its kind and a fresh correlation id, such as
     * {@code IllegalStateException (error 5f3a9c1e)}, and the failure's log line shows the same id with the full
     * message. Register it last: it answers every exception it does not leave to the reference's rules.
     *
     * @return the handler
     */
    static RpcExceptionHandler withoutDetails() {
        return CorrelatedErrors.INSTANCE;
    }
}

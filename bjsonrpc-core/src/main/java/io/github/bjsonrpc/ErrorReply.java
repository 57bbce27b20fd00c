package io.github.bjsonrpc;

import java.util.Objects;

/**
 * The error a peer gets for a request whose handler failed, as decided by an {@link RpcExceptionHandler}: the text
 * of the reply's {@code error} (the reference's form), the JSON-RPC 2.0 code (used only when the peer wrote its
 * request in that form), and, when the text hides the failure's details, the correlation id that finds them in this
 * side's log: the failure's log line carries it.
 *
 * @param message the error text the peer gets
 * @param code the JSON-RPC 2.0 error code ({@link #SERVER_ERROR} unless there is a reason)
 * @param correlationId an id the text shows and the log line repeats, or {@code null}
 */
public record ErrorReply(String message, int code, String correlationId) {

    /** JSON-RPC 2.0 code of a failed handler: {@value}. */
    public static final int SERVER_ERROR = -32000;

    /**
     * @param message the error text the peer gets
     * @param code the JSON-RPC 2.0 error code
     * @param correlationId an id the text shows and the log line repeats, or {@code null}
     */
    public ErrorReply {
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param message the error text the peer gets
     * @return that error, with the code {@link #SERVER_ERROR}
     */
    public static ErrorReply of(String message) {
        return new ErrorReply(message, SERVER_ERROR, null);
    }

    /**
     * @param message the error text the peer gets
     * @param code the JSON-RPC 2.0 error code
     * @return that error
     */
    public static ErrorReply of(String message, int code) {
        return new ErrorReply(message, code, null);
    }

    /**
     * The name an error text gives a failure, as the reference names a Python exception: the simple class name
     * ({@code IllegalStateException}), or the full name of a class that has none.
     *
     * @param failure a failure
     * @return its kind
     */
    public static String kindOf(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        return type.isEmpty() ? failure.getClass().getName() : type;
    }
}

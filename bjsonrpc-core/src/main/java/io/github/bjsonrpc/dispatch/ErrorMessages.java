package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.ServerError;

/** The error texts the peer gets, worded as the reference words them. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /**
     * @param name the method name as requested
     * @return {@code Unknown method 'NAME'}
     */
    public static String unknownMethod(String name) {
        return "Unknown method '" + name + "'";
    }

    /** The reply to an object with an id and nothing a message needs. */
    public static String unknownFormat() {
        return "Unknown format";
    }

    /**
     * What a failing handler sends: a {@link ServerError}'s message alone; a {@link RemoteError} (a call of the
     * handler's own failed) as the peer's error text unchanged, as the reference propagates it; any other
     * throwable as {@code SimpleClassName: message}. Never a stack trace.
     *
     * @param failure what the handler threw
     * @return the error text
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof ServerError) {
            return message == null ? "" : message;
        }
        if (failure instanceof RemoteError remote) {
            return remote.error() instanceof String text ? text : remote.getMessage();
        }
        String type = failure.getClass().getSimpleName();
        if (type.isEmpty()) {
            type = failure.getClass().getName();
        }
        return type + ": " + (message == null ? "" : message);
    }

    /**
     * @param value a result Jackson could not write
     * @return a {@code TypeError} naming its type, as Python's {@code json} module words it
     */
    public static String unserializable(Object value) {
        return "TypeError: Object of type " + value.getClass().getSimpleName() + " is not JSON serializable";
    }
}

package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.ErrorReply;
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

    /**
     * What the peer gets when a handler fails with an {@link Error}: nothing of the error itself, which is logged
     * here.
     */
    public static String internalError() {
        return "InternalError: the call failed on the peer; details are in its log";
    }

    /** What a request arriving during a graceful shutdown gets instead of running. */
    public static String shuttingDown() {
        return BjsonRpcServer.SHUTTING_DOWN;
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
        return ErrorReply.kindOf(failure) + ": " + (message == null ? "" : message);
    }

    /**
     * @param name an object name
     * @return {@code Unknown object 'NAME'}: deleted, or never exported on this connection
     */
    public static String unknownObject(String name) {
        return "Unknown object '" + name + "'";
    }

    /**
     * @param value a result that could not be written
     * @param failure why
     * @return the reason when this library refused it (such as the remote-object limit), otherwise a
     *         {@code TypeError} naming its type, as Python's {@code json} module words it
     */
    public static String unwritable(Object value, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BjsonRpcException refused) {
                return refused.getMessage();
            }
        }
        return "TypeError: Object of type " + (value == null ? "NoneType" : value.getClass().getSimpleName())
            + " is not JSON serializable";
    }
}

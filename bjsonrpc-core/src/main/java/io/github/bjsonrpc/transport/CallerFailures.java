package io.github.bjsonrpc.transport;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.RemoteError;

/**
 * Throws, in the thread that waited, the failure of something the peer was to send. A failure raised where the
 * reply arrived (an I/O thread) carries that thread's frames only; the caller gets one of the same type and
 * message with its own frames, and the original as its cause.
 */
final class CallerFailures {

    private CallerFailures() {
    }

    /**
     * @param failure how a request or pipe failed, possibly wrapped by a future
     * @return the exception for the caller to throw
     * @throws Error if the failure is one
     */
    static RuntimeException inCallerThread(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Error error) {
            throw error;
        }
        Class<?> type = cause.getClass();
        if (type == RemoteError.class) {
            return new RemoteError(((RemoteError) cause).error(), cause);
        }
        if (type == ConnectionClosedException.class) {
            return new ConnectionClosedException(cause.getMessage(), cause);
        }
        if (type == CallTimeoutException.class) {
            return new CallTimeoutException(cause.getMessage(), cause);
        }
        if (type == BjsonRpcException.class) {
            return new BjsonRpcException(cause.getMessage(), cause);
        }
        if (type == CancellationException.class) {
            CancellationException cancelled = new CancellationException(cause.getMessage());
            cancelled.initCause(cause);
            return cancelled;
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new BjsonRpcException(String.valueOf(cause.getMessage()), cause);
    }
}

package io.github.bjsonrpc.dispatch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.ServerError;

/**
 * What a handler's failure becomes: the error text its peer gets, a log line, an observed outcome. A peer decides
 * how often handlers fail, so the log is protected:
 *
 * <ul>
 * <li>a {@link ServerError} is an answer, not a fault: DEBUG;</li>
 * <li>any other exception: one WARN line without stack trace per exception type per minute, and a DEBUG line with
 * the stack trace every time;</li>
 * <li>an {@link Error} is a fault of this side: ERROR with the stack trace, every time, and the peer gets only
 * {@link ErrorMessages#internalError()}. {@link OutOfMemoryError} and the other {@link VirtualMachineError}s but
 * {@link StackOverflowError} are {@linkplain #isFatal fatal}: rethrown once answered.</li>
 * </ul>
 */
final class HandlerFailures {

    private static final Logger log = LoggerFactory.getLogger(HandlerFailures.class);
    private static final long WARN_EVERY = TimeUnit.MINUTES.toNanos(1);
    /** Forgets the exception types seen when this many are remembered: the map stays small whatever happens. */
    private static final int MAX_TYPES = 1024;
    private static final ConcurrentMap<Class<?>, Long> LAST_WARNED = new ConcurrentHashMap<>();

    private HandlerFailures() {
    }

    /**
     * Logs a failure as described above.
     *
     * @param connection where the request came from
     * @param method the method requested
     * @param failure what the handler threw
     * @return the error text the peer gets
     */
    static String report(Connection connection, String method, Throwable failure) {
        if (failure instanceof Error) {
            log.error("'{}' on connection {} failed; the peer gets a generic error", method, connection.id(), failure);
            return ErrorMessages.internalError();
        }
        String text = ErrorMessages.describe(failure);
        if (failure instanceof ServerError) {
            log.debug("'{}' on connection {} answered with an error: {}", method, connection.id(), text);
            return text;
        }
        if (firstInAMinute(failure.getClass())) {
            log.warn("'{}' on connection {} failed: {} (failures of this type are logged at WARN once a minute; "
                + "each one with its stack trace at DEBUG)", method, connection.id(), text);
        }
        log.debug("'{}' on connection {} failed", method, connection.id(), failure);
        return text;
    }

    private static boolean firstInAMinute(Class<?> type) {
        long now = System.nanoTime();
        Long last = LAST_WARNED.get(type);
        if (last != null && now - last < WARN_EVERY) {
            return false;
        }
        if (LAST_WARNED.size() >= MAX_TYPES) {
            LAST_WARNED.clear();
        }
        return last == null ? LAST_WARNED.putIfAbsent(type, now) == null : LAST_WARNED.replace(type, last, now);
    }

    /**
     * @param failure what a handler threw
     * @return whether it must go on up once answered: a {@link VirtualMachineError} other than a stack overflow
     */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /**
     * @param failure what a handler threw
     * @return its outcome for observers
     */
    static RpcObserver.Outcome outcomeOf(Throwable failure) {
        return failure instanceof ServerError || failure instanceof RemoteError
            ? RpcObserver.Outcome.SERVER_ERROR : RpcObserver.Outcome.HANDLER_EXCEPTION;
    }
}

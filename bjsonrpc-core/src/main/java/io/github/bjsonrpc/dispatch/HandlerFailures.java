package io.github.bjsonrpc.dispatch;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ErrorReply;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.RpcExceptionHandler;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.ServerError;

/**
 * What a handler's failure becomes: the error its peer gets (decided by the connection's
 * {@link RpcExceptionHandler}s, else by the reference's rules), one log line, an observed outcome. A peer decides
 * how often handlers fail, so the log is protected; each failure is logged once:
 *
 * <ul>
 * <li>an {@link Error} is a fault of this side: ERROR with the stack trace, every time, and the peer gets only
 * {@link ErrorMessages#internalError()}. {@link OutOfMemoryError} and the other {@link VirtualMachineError}s but
 * {@link StackOverflowError} are {@linkplain #isFatal fatal}: rethrown once answered;</li>
 * <li>an exception whose reply carries a {@linkplain ErrorReply#correlationId() correlation id}: WARN every time,
 * with the id and the exception's own text, so that the id the peer got finds it; with the stack trace for the
 * first of its type in a minute, or when DEBUG is on;</li>
 * <li>a {@link ServerError} answered with its own message is an answer, not a fault: DEBUG;</li>
 * <li>any other exception: WARN without the stack trace for the first of its type in a minute, DEBUG with the stack
 * trace for the others.</li>
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
     * Decides the error the peer gets and logs the failure, as described above.
     *
     * @param connection where the request came from
     * @param method the method requested
     * @param failure what the handler threw
     * @return the error the peer gets
     */
    static ErrorReply report(Connection connection, String method, Throwable failure) {
        if (!(failure instanceof Exception exception)) {
            log.error("'{}' on connection {} failed; the peer gets a generic error", method, connection.id(), failure);
            return ErrorReply.of(ErrorMessages.internalError());
        }
        ErrorReply reply = translate(connection, method, exception);
        String text = ErrorMessages.describe(failure);
        if (reply.correlationId() != null) {
            boolean trace = firstInAMinute(failure.getClass()) || log.isDebugEnabled();
            log.warn("'{}' on connection {} failed (error {}): {}", method, connection.id(), reply.correlationId(),
                text, trace ? failure : null);
        } else if (failure instanceof ServerError && reply.message().equals(text)) {
            log.debug("'{}' on connection {} answered with an error: {}", method, connection.id(), text);
        } else if (firstInAMinute(failure.getClass())) {
            log.warn("'{}' on connection {} failed: {} (failures of this type are logged at WARN once a minute, "
                + "the others at DEBUG with their stack trace)", method, connection.id(), text);
        } else {
            log.debug("'{}' on connection {} failed", method, connection.id(), failure);
        }
        return reply;
    }

    /** The first answer of the connection's handlers, else the reference's. */
    private static ErrorReply translate(Connection connection, String method, Exception failure) {
        List<RpcExceptionHandler> handlers = connection.options().exceptionHandlers();
        for (int i = 0; i < handlers.size(); i++) {
            RpcExceptionHandler handler = handlers.get(i);
            try {
                ErrorReply reply = handler.handle(connection, method, failure);
                if (reply != null) {
                    return reply;
                }
            } catch (RuntimeException e) {
                log.warn("Exception handler {} failed on '{}' of connection {}; the next one decides", handler,
                    method, connection.id(), e);
            }
        }
        return ErrorReply.of(ErrorMessages.describe(failure));
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

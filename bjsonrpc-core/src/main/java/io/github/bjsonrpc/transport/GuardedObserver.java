package io.github.bjsonrpc.transport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RpcObserver;

/**
 * An observer that cannot hurt the connection it observes: whatever the application's observer throws is logged
 * (the first failure at WARN, the rest at DEBUG) and goes no further, so a buffer being written is never lost
 * and no I/O thread closes a connection over it.
 */
final class GuardedObserver implements RpcObserver {

    private static final Logger log = LoggerFactory.getLogger(GuardedObserver.class);

    private final RpcObserver observer;
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedObserver(RpcObserver observer) {
        this.observer = observer;
    }

    /**
     * @param observer the application's observer
     * @return one that never throws
     */
    static RpcObserver of(RpcObserver observer) {
        return observer == RpcObserver.NONE || observer instanceof GuardedObserver ? observer
            : new GuardedObserver(observer);
    }

    private void failed(String event, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            log.warn("The observer {} failed on {}; its failures are ignored", observer, event, e);
        } else {
            log.debug("The observer {} failed on {}", observer, event, e);
        }
    }

    private Scope guarded(Scope scope) {
        if (scope == Scope.NOOP) {
            return scope;
        }
        return new Scope() {
            @Override
            public void end(CallType type, Outcome outcome) {
                try {
                    scope.end(type, outcome);
                } catch (RuntimeException e) {
                    failed("end", e);
                }
            }

            @Override
            public void end(CallType type, Outcome outcome, Throwable error) {
                try {
                    scope.end(type, outcome, error);
                } catch (RuntimeException e) {
                    failed("end", e);
                }
            }

            @Override
            public Map<String, String> context() {
                try {
                    return scope.context();
                } catch (RuntimeException e) {
                    failed("context", e);
                    return Map.of();
                }
            }
        };
    }

    @Override
    public Scope handling(Connection connection, String method) {
        try {
            return guarded(observer.handling(connection, method));
        } catch (RuntimeException e) {
            failed("handling", e);
            return Scope.NOOP;
        }
    }

    @Override
    public Scope handling(Connection connection, String method, Map<String, String> context) {
        try {
            return guarded(observer.handling(connection, method, context));
        } catch (RuntimeException e) {
            failed("handling", e);
            return Scope.NOOP;
        }
    }

    @Override
    public Scope issuing(Connection connection, String method) {
        try {
            return guarded(observer.issuing(connection, method));
        } catch (RuntimeException e) {
            failed("issuing", e);
            return Scope.NOOP;
        }
    }

    @Override
    public void rejected(Connection connection, String reason) {
        try {
            observer.rejected(connection, reason);
        } catch (RuntimeException e) {
            failed("rejected", e);
        }
    }

    @Override
    public void limitReached(Connection connection, String limit) {
        try {
            observer.limitReached(connection, limit);
        } catch (RuntimeException e) {
            failed("limitReached", e);
        }
    }

    @Override
    public void bytesRead(Connection connection, long bytes) {
        try {
            observer.bytesRead(connection, bytes);
        } catch (RuntimeException e) {
            failed("bytesRead", e);
        }
    }

    @Override
    public void bytesWritten(Connection connection, long bytes) {
        try {
            observer.bytesWritten(connection, bytes);
        } catch (RuntimeException e) {
            failed("bytesWritten", e);
        }
    }
}

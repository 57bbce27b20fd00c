package io.github.bjsonrpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches the calls and traffic of connections, for metrics and tracing: every request of the peer handled here,
 * every request sent from here, every line dropped, every byte. Methods are called on I/O and handler threads:
 * return quickly, never block, never throw. Method names are reported with low cardinality: a call on a remote
 * object as {@code <class>.<method>} (never the object's name), a method nobody publishes as
 * {@value #UNKNOWN_METHOD}. What an observer throws is logged and goes no further.
 */
public interface RpcObserver {

    /** Observes nothing. */
    RpcObserver NONE = new RpcObserver() {
    };

    /** The method name reported for requests naming no published method. */
    String UNKNOWN_METHOD = "<unknown>";

    /** What kind of exchange a call was. */
    enum CallType {
        /** A request answered once. */
        CALL,
        /** A notification: no reply. */
        NOTIFY,
        /** A request answered by a pipe of replies. */
        PIPE
    }

    /** How a call ended. */
    enum Outcome {
        /** It succeeded. */
        SUCCESS,
        /** Handled here: no such method. */
        UNKNOWN_METHOD,
        /** Handled here: the arguments did not fit. */
        INVALID_PARAMS,
        /** Handled here: the handler threw a {@link ServerError}. */
        SERVER_ERROR,
        /** Handled here: the handler threw anything else. */
        HANDLER_EXCEPTION,
        /** Handled here: the result could not be written. */
        UNWRITABLE_RESULT,
        /** Sent from here: the peer answered with an error. */
        REMOTE_ERROR,
        /** Sent from here: no reply in time. */
        TIMEOUT,
        /** Sent from here, or an answer still being written here: the connection closed first. */
        CONNECTION_CLOSED,
        /** Sent from here: the caller closed the pipe, or anything else. */
        CANCELLED
    }

    /** One observed call, ended exactly once. */
    interface Scope {

        /** Ends nothing. */
        Scope NOOP = (type, outcome) -> {
        };

        /**
         * @param type what kind of exchange it turned out to be
         * @param outcome how it ended
         */
        void end(CallType type, Outcome outcome);

        /**
         * Ends a call that failed with an exception: the handler's, or, for a request sent from here, the
         * {@link RemoteError}, {@link CallTimeoutException} or {@link ConnectionClosedException} its caller gets.
         * By default the same as {@link #end(CallType, Outcome)}.
         *
         * @param type what kind of exchange it turned out to be
         * @param outcome how it ended
         * @param error what it failed with, or {@code null} when it ended without one
         */
        default void end(CallType type, Outcome outcome, Throwable error) {
            end(type, outcome);
        }

        /**
         * The context to propagate with a request sent from here (trace headers such as {@code traceparent}):
         * written in its request's {@code context} member when not empty, which peers that do not know it
         * ignore. Asked once, after {@link RpcObserver#issuing} and before the request is written.
         *
         * @return the context, empty by default
         */
        default Map<String, String> context() {
            return Map.of();
        }
    }

    /**
     * A request of the peer starts running here.
     *
     * @param connection where it came from
     * @param method the method, low-cardinality (see above)
     * @return the scope to end when its replies are written
     */
    default Scope handling(Connection connection, String method) {
        return Scope.NOOP;
    }

    /**
     * A request of the peer starts running here, with the context the peer propagated in it (trace headers; see
     * {@link Scope#context()}). By default the same as {@link #handling(Connection, String)}.
     *
     * @param connection where it came from
     * @param method the method, low-cardinality (see above)
     * @param context what the peer propagated, empty when nothing
     * @return the scope to end when its replies are written
     */
    default Scope handling(Connection connection, String method, Map<String, String> context) {
        return handling(connection, method);
    }

    /**
     * A request is sent from here.
     *
     * @param connection where it goes
     * @param method the method, low-cardinality (see above)
     * @return the scope to end when it is answered, fails or is closed
     */
    default Scope issuing(Connection connection, String method) {
        return Scope.NOOP;
    }

    /**
     * A line, or an element of a batch, was dropped without a reply.
     *
     * @param connection where it came from
     * @param reason {@code too-long}, {@code malformed}, {@code not-an-object}, {@code no-id}, {@code empty},
     *        {@code empty-batch}, {@code unknown-reply-id}, or {@code internal-error} (a failure of this library
     *        while reading, which closes the connection)
     */
    default void rejected(Connection connection, String reason) {
    }

    /**
     * A limit refused or paused something: {@code connections} (a new connection over the server's maximum; the
     * connection is then {@code null}), {@code refused} (a {@link ConnectionFilter} said no), {@code queued-requests}
     * (a line answered busy), {@code pending-requests}, {@code open-pipes}, {@code remote-objects},
     * {@code idle-timeout}, {@code pipe-buffer} (reading paused because pipe elements wait for their caller;
     * counted at each pause), {@code shutting-down} (a request arrived during a graceful shutdown and was
     * answered with an error) or {@code inline-time} (an {@link Inline} method ran on an event loop longer than
     * {@link ConnectionOptions#inlineTimeLimit()}; reported and interrupted).
     *
     * @param connection the connection concerned, or {@code null}
     * @param limit which limit
     */
    default void limitReached(Connection connection, String limit) {
    }

    /**
     * @param connection where they came from
     * @param bytes how many bytes were read, line ends included
     */
    default void bytesRead(Connection connection, long bytes) {
    }

    /**
     * @param connection where they went
     * @param bytes how many bytes were written, line ends included
     */
    default void bytesWritten(Connection connection, long bytes) {
    }

    /**
     * @param first told first
     * @param second told second
     * @return an observer telling both
     */
    static RpcObserver both(RpcObserver first, RpcObserver second) {
        if (first == NONE) {
            return second;
        }
        return new RpcObserver() {
            @Override
            public Scope handling(Connection connection, String method) {
                return both(first.handling(connection, method), second.handling(connection, method));
            }

            @Override
            public Scope handling(Connection connection, String method, Map<String, String> context) {
                return both(first.handling(connection, method, context),
                    second.handling(connection, method, context));
            }

            @Override
            public Scope issuing(Connection connection, String method) {
                return both(first.issuing(connection, method), second.issuing(connection, method));
            }

            private Scope both(Scope a, Scope b) {
                if (a == Scope.NOOP) {
                    return b;
                }
                if (b == Scope.NOOP) {
                    return a;
                }
                return new Scope() {
                    @Override
                    public void end(CallType type, Outcome outcome) {
                        b.end(type, outcome);
                        a.end(type, outcome);
                    }

                    @Override
                    public void end(CallType type, Outcome outcome, Throwable error) {
                        b.end(type, outcome, error);
                        a.end(type, outcome, error);
                    }

                    @Override
                    public Map<String, String> context() {
                        Map<String, String> fromA = a.context();
                        Map<String, String> fromB = b.context();
                        if (fromA.isEmpty() || fromB.isEmpty()) {
                            return fromA.isEmpty() ? fromB : fromA;
                        }
                        Map<String, String> merged = new LinkedHashMap<>(fromA);
                        merged.putAll(fromB);
                        return merged;
                    }
                };
            }

            @Override
            public void rejected(Connection connection, String reason) {
                first.rejected(connection, reason);
                second.rejected(connection, reason);
            }

            @Override
            public void limitReached(Connection connection, String limit) {
                first.limitReached(connection, limit);
                second.limitReached(connection, limit);
            }

            @Override
            public void bytesRead(Connection connection, long bytes) {
                first.bytesRead(connection, bytes);
                second.bytesRead(connection, bytes);
            }

            @Override
            public void bytesWritten(Connection connection, long bytes) {
                first.bytesWritten(connection, bytes);
                second.bytesWritten(connection, bytes);
            }
        };
    }
}

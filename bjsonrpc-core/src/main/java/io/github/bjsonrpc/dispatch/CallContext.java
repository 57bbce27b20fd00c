package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.Connection;

/**
 * What the current thread is doing for bjsonrpc: which connection's request it is handling, and on which inbound
 * queue. Set only while handler code runs.
 */
public final class CallContext {

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final Connection connection;
    private final InboundQueue queue;

    private CallContext(Connection connection, InboundQueue queue) {
        this.connection = connection;
        this.queue = queue;
    }

    /** The connection whose request the calling thread is handling, or {@code null}. */
    public static Connection currentConnection() {
        CallContext context = CURRENT.get();
        return context == null ? null : context.connection;
    }

    /**
     * The inbound queue to release while the calling thread waits for a reply on {@code connection}: its own
     * connection's queue when the thread is handling one of that connection's requests, otherwise {@code null}.
     * Releasing it lets the peer's next request run meanwhile, so that A -> B -> A call chains do not deadlock.
     *
     * @param connection the connection the caller waits on
     * @return the queue to suspend and resume around the wait, or {@code null}
     */
    public static InboundQueue queueToReleaseWhileWaitingOn(Connection connection) {
        CallContext context = CURRENT.get();
        return context != null && context.connection == connection ? context.queue : null;
    }

    static CallContext enter(Connection connection, InboundQueue queue) {
        CallContext previous = CURRENT.get();
        CURRENT.set(new CallContext(connection, queue));
        return previous;
    }

    static void exit(CallContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}

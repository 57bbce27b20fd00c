package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.Connection;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * What the current thread is doing for bjsonrpc: which connection's request it is handling, and on which inbound
 * queue. Set only while handler code runs.
 */
public final class CallContext {

    /**
     * Read for every reply written and set twice per request: on the handler pool's threads an array slot; left
     * {@code null} rather than removed when the thread leaves handler code, so that the slot stays.
     */
    private static final FastThreadLocal<CallContext> CURRENT = new FastThreadLocal<>();

    private final Connection connection;
    private final InboundQueue queue;
    private final CallContext previous;
    /** The running task handed its slot to a {@link Continuation}: the drain must not free it. */
    private boolean slotHandedOver;
    /** The inline method running now, or {@code null}. */
    private String inlineMethod;

    private CallContext(Connection connection, InboundQueue queue, CallContext previous) {
        this.connection = connection;
        this.queue = queue;
        this.previous = previous;
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

    /**
     * The {@linkplain io.github.bjsonrpc.Inline inline} method the calling thread is running, which must not wait
     * for a peer.
     *
     * @return its name as metrics name it, or {@code null} if the thread runs no inline method
     */
    public static String inlineMethod() {
        CallContext context = CURRENT.get();
        return context == null ? null : context.inlineMethod;
    }

    /** The context of the calling thread, or {@code null} outside handler code. */
    static CallContext current() {
        return CURRENT.get();
    }

    static CallContext enter(Connection connection, InboundQueue queue) {
        CallContext context = new CallContext(connection, queue, CURRENT.get());
        CURRENT.set(context);
        return context;
    }

    void exit() {
        CURRENT.set(previous);
    }

    InboundQueue queue() {
        return queue;
    }

    /**
     * @param method the inline method that starts running, or {@code null} when it returned
     */
    void runningInline(String method) {
        inlineMethod = method;
    }

    void handOverSlot() {
        slotHandedOver = true;
    }

    /** Whether a task run in this context handed its slot over: its drain ends without freeing the slot. */
    boolean slotHandedOver() {
        return slotHandedOver;
    }
}

package io.github.bjsonrpc.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request whose answer comes after its handler method returned (an asynchronous result): it stays in flight on
 * its {@link InboundQueue} until {@link #done()}, holding its slot or not. When the connection closes first it is
 * abandoned: the hook given to {@link #onAbandon} runs (to cancel what still produces) and it is done.
 */
final class Continuation {

    private final InboundQueue queue;
    private final boolean holdsSlot;
    private final AtomicBoolean finished = new AtomicBoolean();
    private Runnable abandonHook;
    private boolean abandoned;

    Continuation(InboundQueue queue, boolean holdsSlot) {
        this.queue = queue;
        this.holdsSlot = holdsSlot;
    }

    /** Whether it keeps its request's slot until done. */
    boolean holdsSlot() {
        return holdsSlot;
    }

    /**
     * @param hook what to do if the connection closes before the answer is done; runs at once if it already has
     */
    void onAbandon(Runnable hook) {
        boolean now;
        synchronized (this) {
            abandonHook = hook;
            now = abandoned;
        }
        if (now) {
            hook.run();
        }
    }

    /** The connection closed: stop, and count it done. */
    void abandon() {
        Runnable hook;
        synchronized (this) {
            abandoned = true;
            hook = abandonHook;
        }
        try {
            if (hook != null) {
                hook.run();
            }
        } finally {
            done();
        }
    }

    /** The answer is written, or will never be: the request is no longer in flight. Idempotent. */
    void done() {
        if (finished.compareAndSet(false, true)) {
            queue.finished(this);
        }
    }
}

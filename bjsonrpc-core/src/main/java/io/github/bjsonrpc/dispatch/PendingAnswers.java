package io.github.bjsonrpc.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The continuations of one {@link InboundQueue} not done yet: abandoned all at once when the queue closes. */
final class PendingAnswers {

    private final Set<Continuation> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /**
     * @param continuation a new continuation
     * @return whether it was added; {@code false} once the queue has closed, and the caller abandons it
     */
    synchronized boolean add(Continuation continuation) {
        return !closed && live.add(continuation);
    }

    /**
     * @param continuation a continuation that is done
     */
    synchronized void remove(Continuation continuation) {
        live.remove(continuation);
    }

    /** The queue closed: abandons every live continuation; later ones are refused. */
    void abandonAll() {
        List<Continuation> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(live);
        }
        abandoned.forEach(Continuation::abandon);
    }
}

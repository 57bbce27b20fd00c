package io.github.bjsonrpc.dispatch;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Connection;

/**
 * Every blocking wait for something a peer sends (a reply, a pipe element) goes through here. When the waiting
 * thread is handling a request of that same connection, its slot in the connection's {@link InboundQueue} is given
 * back meanwhile, so that the peer's next request (perhaps the call-back waited for) can run; and a thread of the
 * shared {@link HandlerPool} does not count against the pool's cap while it waits. An
 * {@linkplain io.github.bjsonrpc.Inline inline} method never waits: it fails at once.
 */
public final class PeerWaits {

    private PeerWaits() {
    }

    /**
     * A blocking wait.
     *
     * @param <V> what it returns
     */
    @FunctionalInterface
    public interface Wait<V> {

        /**
         * @return what came
         * @throws InterruptedException if interrupted
         * @throws ExecutionException if what was waited for failed
         * @throws TimeoutException if it did not come in time
         */
        V get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    /**
     * Runs a wait for something {@code connection}'s peer sends.
     *
     * @param connection the connection waited on
     * @param wait the blocking wait
     * @param <V> what it returns
     * @return what it returned
     * @throws InterruptedException if interrupted
     * @throws ExecutionException if what was waited for failed
     * @throws TimeoutException if it did not come in time
     * @throws BjsonRpcException at once, if the calling thread runs an inline method
     */
    public static <V> V await(Connection connection, Wait<V> wait)
            throws InterruptedException, ExecutionException, TimeoutException {
        String inline = CallContext.inlineMethod();
        if (inline != null) {
            throw new BjsonRpcException("'" + inline + "' runs inline (@Inline, on an event loop) and cannot wait for "
                + "a peer: the wait would stall every connection of that event loop. Return the request's "
                + "toCompletableFuture() (or a stage chained on it) instead, or let the method run on the handler "
                + "executor");
        }
        CallContext current = CallContext.current();
        if (current != null) {
            // the replies this thread's tasks left waiting go out before it waits
            current.queue().paused();
        }
        InboundQueue released = CallContext.queueToReleaseWhileWaitingOn(connection);
        if (released != null) {
            released.suspend();
        }
        boolean counted = HandlerPool.beginWait();
        try {
            return wait.get();
        } finally {
            try {
                if (released != null) {
                    released.resume();
                }
            } finally {
                if (counted) {
                    HandlerPool.endWait();
                }
            }
        }
    }
}

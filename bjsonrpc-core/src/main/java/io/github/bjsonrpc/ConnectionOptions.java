package io.github.bjsonrpc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a connection behaves, for either role. Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * ConnectionOptions options = ConnectionOptions.defaults()
 *     .withMaxConcurrency(4)
 *     .withCallTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param maxLineLength the longest line accepted, in bytes, {@code \n} excluded (default 8 MiB). A longer line is
 *        discarded as it arrives, without being buffered whole, and gets no reply (its id is unknown); the
 *        connection stays open
 * @param maxConcurrency how many of the peer's requests may run at once on this connection (default 1, the
 *        reference's behaviour and what keeps a stateful handler safe); they always start in arrival order
 * @param callTimeout how long a request sent from here waits for its reply (default 60 s), whether anybody waits
 *        for it or not ({@link Request#value(Duration)} with a longer timeout pushes it back); and how long a pipe's
 *        iterator waits for each element
 * @param executor where handler code, callbacks and pipe deliveries run; {@code null} for the library's shared
 *        pool ({@link BjsonRpc#defaultExecutor()})
 * @param pipeEndMarker whether pipes opened on this connection ask the peer for an end marker
 *        ({@code "pipeend":true}) so that they complete normally after the last element; only peers of this
 *        library answer it, so leave it off towards reference peers (default off)
 * @param connectTimeout how long {@link BjsonRpc#connect} tries to reach the peer (default 10 s); unused by
 *        accepted connections
 * @param maxRemoteObjects how many {@link Exported} objects this side may have live on the connection (default
 *        1024); exporting one more fails the call that tried, with an error saying so
 * @param maxPendingRequests how many requests sent from here may wait for replies at once, pipes included (default
 *        10 000); one more fails at once with a {@link BjsonRpcException}
 * @param maxOpenPipes how many pipes opened from here may be open at once (default 1000); one more fails at
 *        once with a {@link BjsonRpcException}
 * @param maxQueuedRequests how many requests of the peer may wait to start (default 10 000). Reading from the peer
 *        pauses when half of them wait and resumes at a quarter, so a fast peer is slowed down rather than refused;
 *        lines already read beyond the limit (a burst in one read, a large batch) are answered with the error
 *        {@code Server busy: ...} (notifications are dropped) and counted
 * @param writeHighWaterMark how many bytes may wait to be written to a peer that does not read (default 1 MiB).
 *        Above it the connection stops reading from that peer and handler threads writing to it wait, until it
 *        reads again: a peer that does not read cannot make memory grow without bound
 * @param idleTimeout how long a connection may go without reading or writing anything before it is closed;
 *        zero (the default) for never
 */
public record ConnectionOptions(int maxLineLength, int maxConcurrency, Duration callTimeout, Executor executor,
        boolean pipeEndMarker, Duration connectTimeout, int maxRemoteObjects, int maxPendingRequests, int maxOpenPipes,
        int maxQueuedRequests, int writeHighWaterMark, Duration idleTimeout) {

    private static final ConnectionOptions DEFAULTS = new ConnectionOptions(
        8 * 1024 * 1024, 1, Duration.ofSeconds(60), null, false,
        Duration.ofSeconds(10), 1024, 10_000, 1_000, 10_000, 1024 * 1024, Duration.ZERO);

    /**
     * Checks every option.
     *
     * @param maxLineLength see the record description
     * @param maxConcurrency see the record description
     * @param callTimeout see the record description
     * @param executor see the record description
     * @param pipeEndMarker see the record description
     * @param connectTimeout see the record description
     * @param maxRemoteObjects see the record description
     * @param maxPendingRequests see the record description
     * @param maxOpenPipes see the record description
     * @param maxQueuedRequests see the record description
     * @param writeHighWaterMark see the record description
     * @param idleTimeout see the record description
     */
    public ConnectionOptions {
        atLeast(maxLineLength, 64, "maxLineLength");
        atLeast(maxConcurrency, 1, "maxConcurrency");
        positive(callTimeout, "callTimeout");
        positive(connectTimeout, "connectTimeout");
        atLeast(maxRemoteObjects, 1, "maxRemoteObjects");
        atLeast(maxPendingRequests, 1, "maxPendingRequests");
        atLeast(maxOpenPipes, 1, "maxOpenPipes");
        atLeast(maxQueuedRequests, 1, "maxQueuedRequests");
        atLeast(writeHighWaterMark, 1024, "writeHighWaterMark");
        notNegative(idleTimeout, "idleTimeout");
    }

    /** The defaults described on each option. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param value the longest line accepted
     * @return a copy with that value
     */
    public ConnectionOptions withMaxLineLength(int value) {
        return new ConnectionOptions(value, maxConcurrency, callTimeout, executor, pipeEndMarker, connectTimeout,
            maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value how many requests of the peer may run at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxConcurrency(int value) {
        return new ConnectionOptions(maxLineLength, value, callTimeout, executor, pipeEndMarker, connectTimeout,
            maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value how long synchronous calls wait
     * @return a copy with that value
     */
    public ConnectionOptions withCallTimeout(Duration value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, value, executor, pipeEndMarker, connectTimeout,
            maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value where handler code runs, or {@code null} for the shared pool
     * @return a copy with that value
     */
    public ConnectionOptions withExecutor(Executor value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, value, pipeEndMarker,
            connectTimeout, maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests,
            writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value whether pipes ask the peer for an end marker
     * @return a copy with that value
     */
    public ConnectionOptions withPipeEndMarker(boolean value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, value, connectTimeout,
            maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value how long connecting may take
     * @return a copy with that value
     */
    public ConnectionOptions withConnectTimeout(Duration value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker, value,
            maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark, idleTimeout);
    }

    /**
     * @param value how many exported objects may be live on the connection
     * @return a copy with that value
     */
    public ConnectionOptions withMaxRemoteObjects(int value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, value, maxPendingRequests, maxOpenPipes, maxQueuedRequests, writeHighWaterMark,
            idleTimeout);
    }

    /**
     * @param value how many requests may wait for replies at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxPendingRequests(int value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, maxRemoteObjects, value, maxOpenPipes, maxQueuedRequests, writeHighWaterMark,
            idleTimeout);
    }

    /**
     * @param value how many pipes may be open at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxOpenPipes(int value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, maxRemoteObjects, maxPendingRequests, value, maxQueuedRequests, writeHighWaterMark,
            idleTimeout);
    }

    /**
     * @param value how many requests of the peer may wait to start
     * @return a copy with that value
     */
    public ConnectionOptions withMaxQueuedRequests(int value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, maxRemoteObjects, maxPendingRequests, maxOpenPipes, value, writeHighWaterMark,
            idleTimeout);
    }

    /**
     * @param value how many bytes may wait to be written
     * @return a copy with that value
     */
    public ConnectionOptions withWriteHighWaterMark(int value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests, value,
            idleTimeout);
    }

    /**
     * @param value how long a connection may stay silent; zero for ever
     * @return a copy with that value
     */
    public ConnectionOptions withIdleTimeout(Duration value) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
            connectTimeout, maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests,
            writeHighWaterMark, value);
    }

    private static void atLeast(int value, int least, String name) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}

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
 * @param callTimeout how long {@code call} and {@link Request#value()} wait for a reply (default 60 s)
 * @param executor where handler code, callbacks and pipe deliveries run; {@code null} for the library's shared
 *        pool ({@link BjsonRpc#defaultExecutor()})
 * @param pipeEndMarker whether pipes opened on this connection ask the peer for an end marker
 *        ({@code "pipeend":true}) so that they complete normally after the last element; only peers of this
 *        library answer it, so leave it off towards reference peers (default off)
 * @param connectTimeout how long {@link BjsonRpc#connect} tries to reach the peer (default 10 s); unused by
 *        accepted connections
 * @param maxRemoteObjects how many {@link Exported} objects this side may have live on the connection (default
 *        1024); exporting one more fails the call that tried, with an error saying so
 */
public record ConnectionOptions(int maxLineLength, int maxConcurrency, Duration callTimeout, Executor executor,
        boolean pipeEndMarker, Duration connectTimeout, int maxRemoteObjects) {

    private static final ConnectionOptions DEFAULTS =
        new ConnectionOptions(8 * 1024 * 1024, 1, Duration.ofSeconds(60), null, false, Duration.ofSeconds(10), 1024);

    /**
     * Checks every option.
     *
     * @param maxLineLength at least 64
     * @param maxConcurrency at least 1
     * @param callTimeout positive
     * @param executor any, or {@code null}
     * @param pipeEndMarker any
     * @param connectTimeout positive
     * @param maxRemoteObjects at least 1
     */
    public ConnectionOptions {
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64 bytes, was " + maxLineLength);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        if (maxRemoteObjects < 1) {
            throw new IllegalArgumentException("maxRemoteObjects must be at least 1, was " + maxRemoteObjects);
        }
    }

    /** The defaults described on each option. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param bytes the longest line accepted
     * @return a copy with that limit
     */
    public ConnectionOptions withMaxLineLength(int bytes) {
        return new ConnectionOptions(bytes, maxConcurrency, callTimeout, executor,
            pipeEndMarker, connectTimeout, maxRemoteObjects);
    }

    /**
     * @param requests how many requests of the peer may run at once
     * @return a copy with that limit
     */
    public ConnectionOptions withMaxConcurrency(int requests) {
        return new ConnectionOptions(maxLineLength, requests, callTimeout, executor,
            pipeEndMarker, connectTimeout, maxRemoteObjects);
    }

    /**
     * @param timeout how long synchronous calls wait
     * @return a copy with that timeout
     */
    public ConnectionOptions withCallTimeout(Duration timeout) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, timeout, executor,
            pipeEndMarker, connectTimeout, maxRemoteObjects);
    }

    /**
     * @param handlerExecutor where handler code runs, or {@code null} for the shared pool
     * @return a copy with that executor
     */
    public ConnectionOptions withExecutor(Executor handlerExecutor) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, handlerExecutor,
            pipeEndMarker, connectTimeout, maxRemoteObjects);
    }

    /**
     * @param enabled whether pipes ask the peer for an end marker
     * @return a copy with that choice
     */
    public ConnectionOptions withPipeEndMarker(boolean enabled) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor,
            enabled, connectTimeout, maxRemoteObjects);
    }

    /**
     * @param timeout how long connecting may take
     * @return a copy with that timeout
     */
    public ConnectionOptions withConnectTimeout(Duration timeout) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor,
            pipeEndMarker, timeout, maxRemoteObjects);
    }

    /**
     * @param objects how many exported objects may be live on the connection
     * @return a copy with that limit
     */
    public ConnectionOptions withMaxRemoteObjects(int objects) {
        return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor,
            pipeEndMarker, connectTimeout, objects);
    }
}

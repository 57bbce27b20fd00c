package io.github.bjsonrpc;

import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Many replies to one request: the reference's {@code pipe} proxy. Every reply carrying the request's id is one
 * element, in arrival order; an error reply ends the pipe with a {@link RemoteError}.
 *
 * <p><b>When a pipe ends.</b> The reference protocol has no end-of-stream message, so a pipe to a reference peer
 * stays open until it is {@linkplain #close() closed} here, the peer answers with an error, or the connection
 * closes (then it fails with a {@link ConnectionClosedException}). Take what you expect
 * ({@code pipe.stream().limit(6)}) and close it. A pipe opened with {@link ConnectionOptions#pipeEndMarker()}
 * asks the peer for an end marker; peers of this library answer it and the pipe then completes normally after the
 * last element.
 *
 * <p>Elements are consumed once, through one of {@link #iterator()}, {@link #stream()} or {@link #publisher()}.
 * Closing sends nothing to the peer (as in the reference); elements that still arrive are dropped.
 *
 * <p><b>Memory.</b> Elements wait for you here, counted against the connection's
 * {@link ConnectionOptions#maxBufferedPipeBytes()}; above it the connection stops reading from the peer until you
 * consume (iterate, or request more from the publisher), except while a thread waits in {@code call} or
 * {@link Request#value()} on the same connection: that reply may be behind the elements, so reading goes on. Close
 * a pipe you stop consuming: its elements hold the buffer, and the other pipes of the connection wait behind them.
 *
 * @param <T> the element type
 */
public interface Pipe<T> extends Iterable<T>, AutoCloseable {

    /** The id the pipe request was sent with. */
    long id();

    /** The method name as sent. */
    String method();

    /**
     * A blocking iterator over the elements. {@code hasNext()} waits for the next element or the end, at most the
     * connection's call timeout ({@link ConnectionOptions#callTimeout()}); then it throws
     * {@link CallTimeoutException} and the pipe stays open (call it again to wait more, or close the pipe). Use
     * {@link #publisher()} to wait without a limit and without a thread.
     *
     * @throws IllegalStateException if the elements are already being consumed another way
     */
    @Override
    Iterator<T> iterator();

    /**
     * The elements as a sequential stream; closing the stream closes the pipe.
     *
     * @throws IllegalStateException if the elements are already being consumed another way
     */
    Stream<T> stream();

    /**
     * The elements as a {@link Flow.Publisher} for one subscriber, honouring its demand: elements not yet requested
     * stay in the buffer, so a subscriber that requests nothing stops the peer. Signals are delivered on the
     * connection's handler executor. Cancelling the subscription closes the pipe; a subscriber whose
     * {@code onNext} throws is cancelled too, and gets what it threw in {@code onError}.
     *
     * @throws IllegalStateException if the elements are already being consumed another way
     */
    Flow.Publisher<T> publisher();

    /** Whether the pipe has ended: closed here, ended by the peer, failed or its connection closed. */
    boolean isClosed();

    /**
     * Stops listening: the request is forgotten, elements not yet consumed are dropped, and consumers see the end.
     * Closing twice is harmless.
     */
    @Override
    void close();
}

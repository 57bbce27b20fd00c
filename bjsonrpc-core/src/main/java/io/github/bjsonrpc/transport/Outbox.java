package io.github.bjsonrpc.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;

/**
 * Where every line of one connection is written, from any thread. Lines written off the I/O thread wait here and
 * go out in one I/O-thread task with one flush; the queue is touched by writers only to add, and drained only on
 * the I/O thread. A line written on the I/O thread goes straight to the channel, after the lines still waiting
 * here: so one thread's lines keep their order, and so do replies whose writers took turns.
 *
 * <p>A reply written by a handler thread that will go on with more of the connection's requests may
 * {@linkplain #writeDeferred wait here} for the flush that the end of that run asks for ({@link #flushDeferred}):
 * the replies to a burst of requests are encoded one after another into one buffer, and leave in one write that
 * costs the I/O thread one task, as the requests came. At most {@value #MAX_DEFERRED} lines (or
 * {@value #MAX_BURST_BYTES} bytes) wait so, and none longer than the deadline timer's next tick or two (10 to
 * 20 ms), should the handler thread block in a way nobody sees before it pauses. Any other line written meanwhile
 * goes after them.
 *
 * <p>Back-pressure on writers: a thread that is not an I/O thread waits before adding a line while the bytes not
 * yet written (here and in the channel) are over the connection's {@code writeHighWaterMark}, until the peer
 * reads or the connection closes; an I/O thread never waits. Reading is never paused for it: the peer's replies
 * must still be read for either side to make progress.
 */
final class Outbox {

    /** The most lines written by one I/O-thread task: other work of the I/O thread (a close) is not held up. */
    private static final int LINES_PER_TASK = 512;
    /** The most lines that wait for {@link #flushDeferred()} before a flush is asked for anyway. */
    static final int MAX_DEFERRED = 64;
    /** The most bytes of lines that wait for {@link #flushDeferred()} before a flush is asked for anyway. */
    static final int MAX_BURST_BYTES = 32 * 1024;
    /** The first size of the buffer that gathers a burst. */
    private static final int BURST_INITIAL_BYTES = 1024;
    /** Lines left waiting are flushed by the deadline timer after this at the latest (plus a tick). */
    private static final long DEFERRAL_BOUND_NANOS = 10_000_000;

    private final Channel channel;
    private final LineEncoder encoder;
    private final long highWaterMark;
    private final TrafficCounters traffic;
    private final Queue<Outgoing> lines = new ConcurrentLinkedQueue<>();
    /** Bytes of the lines waiting here, not yet counted by the channel. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Guards the burst being gathered. */
    private final Object burstLock = new Object();
    /** The lines left waiting by {@link #writeDeferred}, or {@code null}. */
    private LineEncoder.Lines burst;
    /** Whether {@link #burst} holds lines: read without the lock by writers of lines that must go after them. */
    private volatile boolean bursting;
    private final Runnable flush = this::flush;
    private final Runnable flushDeferred = this::flushDeferred;
    private final Object writable = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    /** A line waiting here, its size, and the promise its writer holds. */
    private record Outgoing(ByteBuf line, int bytes, ChannelPromise promise) {
    }

    /**
     * @param channel where the lines go
     * @param encoder encodes the lines left waiting into one buffer
     * @param highWaterMark the bytes not yet written over which writers off the I/O thread wait
     * @param traffic counts the bytes written
     */
    Outbox(Channel channel, LineEncoder encoder, int highWaterMark, TrafficCounters traffic) {
        this.channel = channel;
        this.encoder = encoder;
        this.highWaterMark = highWaterMark;
        this.traffic = traffic;
    }

    /**
     * Writes one whole line; the outbox owns it from now on, whatever happens.
     *
     * @param line the encoded line, {@code \n} included
     * @return completes when the line is written, or fails when it cannot be
     */
    ChannelFuture write(ByteBuf line) {
        return write(line, channel.newPromise());
    }

    /**
     * Writes one whole line as {@link #write(ByteBuf)} does, completing a promise the writer made: one whose
     * listeners were added before the line could be written, and so are told on the I/O thread.
     *
     * @param line the encoded line, {@code \n} included
     * @param promise completed when the line is written, failed when it cannot be
     * @return the promise
     */
    ChannelFuture write(ByteBuf line, ChannelPromise promise) {
        int bytes = line.readableBytes();
        if (bursting) {
            // the lines left waiting by this connection's handlers go first
            queueBurst();
        }
        if (channel.eventLoop().inEventLoop()) {
            // what other threads wrote before goes first
            while (!lines.isEmpty()) {
                writeQueued();
            }
            // counted before the peer can see the line: the observer never throws, so the line is never lost
            traffic.written(bytes);
            return channel.writeAndFlush(line, promise);
        }
        awaitWritable();
        traffic.written(bytes);
        queuedBytes.addAndGet(bytes);
        lines.add(new Outgoing(line, bytes, promise));
        scheduleFlush();
        return promise;
    }

    /**
     * Writes one whole line as {@link #write} does, but off the I/O thread leaves it waiting, after the other lines
     * left so and in the same buffer, for {@link #flushDeferred()}, or for the flush asked for once
     * {@value #MAX_DEFERRED} lines or {@value #MAX_BURST_BYTES} bytes wait. The writer must call
     * {@link #flushDeferred()} before it stops writing for a while.
     *
     * @param line the line to encode
     */
    void writeDeferred(LineEncoder.Line line) {
        if (channel.eventLoop().inEventLoop()) {
            write(line.toBuffer());
            return;
        }
        awaitWritable();
        boolean first = false;
        boolean full;
        synchronized (burstLock) {
            if (burst == null) {
                burst = encoder.lines(BURST_INITIAL_BYTES);
                first = true;
            }
            try {
                burst.append(line);
            } catch (RuntimeException | Error e) {
                if (first) {
                    burst.discard();
                    burst = null;
                }
                throw e;
            }
            bursting = true;
            full = burst.count() >= MAX_DEFERRED || burst.bytes() >= MAX_BURST_BYTES;
        }
        if (full) {
            flushDeferred();
        } else if (first) {
            Deadlines.after(flushDeferred, DEFERRAL_BOUND_NANOS);
        }
    }

    /** Asks for a flush of the lines left waiting by {@link #writeDeferred}, if any wait. */
    void flushDeferred() {
        if (bursting) {
            queueBurst();
            scheduleFlush();
        }
    }

    /** Puts the lines left waiting by {@link #writeDeferred} in the queue, as one buffer, if any wait. */
    private void queueBurst() {
        synchronized (burstLock) {
            if (burst == null) {
                return;
            }
            ByteBuf gathered = burst.finish();
            burst = null;
            int bytes = gathered.readableBytes();
            // counted before the peer can see the lines: the observer never throws, so they are never lost
            traffic.written(bytes);
            queuedBytes.addAndGet(bytes);
            // queued under the lock, so that neither the next burst nor a line written after this one goes first
            lines.add(new Outgoing(gathered, bytes, channel.newPromise()));
            bursting = false;
        }
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
    }

    /** A promise for {@link #write(ByteBuf, ChannelPromise)}. */
    ChannelPromise newPromise() {
        return channel.newPromise();
    }

    /** Whether a writer off the I/O threads could write now without waiting for the peer to read. */
    boolean isWritable() {
        return channel.isWritable() && queuedBytes.get() < highWaterMark;
    }

    /** Off the I/O threads, waits while the peer does not read, until it does or the connection closes. */
    private void awaitWritable() {
        if (closed || isWritable() || EventLoops.inAnyLoop()) {
            return;
        }
        // the lines left waiting must go out for the peer to make room
        flushDeferred();
        waiting.incrementAndGet();
        try {
            synchronized (writable) {
                while (!closed && !isWritable()) {
                    writable.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Wakes the waiting writers, who look again: after a state change that can make the outbox writable. */
    private void wakeWriters() {
        if (waiting.get() > 0) {
            synchronized (writable) {
                writable.notifyAll();
            }
        }
    }

    /** On the I/O thread: the channel's writability changed. */
    void writabilityChanged() {
        if (channel.isWritable()) {
            wakeWriters();
        }
    }

    /** On the I/O thread: the channel is gone. Waiting writers go on, and meet the closed channel. */
    void closed() {
        closed = true;
        wakeWriters();
        queueBurst();
        // lines still here meet the closed channel, which releases them and fails their promises
        flush();
    }

    private void flush() {
        // cleared first: a line added from now on schedules another task, so none is left behind
        flushScheduled.set(false);
        writeQueued();
        if (!lines.isEmpty()) {
            scheduleFlush();
        }
    }

    /** On the I/O thread: writes and flushes up to {@link #LINES_PER_TASK} of the lines waiting here. */
    private void writeQueued() {
        long bytes = 0;
        Outgoing next;
        int count = 0;
        while (count < LINES_PER_TASK && (next = lines.poll()) != null) {
            channel.write(next.line(), next.promise());
            bytes += next.bytes();
            count++;
        }
        if (count > 0) {
            channel.flush();
            queuedBytes.addAndGet(-bytes);
            wakeWriters();
        }
    }
}

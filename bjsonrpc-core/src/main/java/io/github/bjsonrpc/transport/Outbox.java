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
 * <p>Back-pressure on writers: a thread that is not an I/O thread waits before adding a line while the bytes not
 * yet written (here and in the channel) are over the connection's {@code writeHighWaterMark}, until the peer
 * reads or the connection closes; an I/O thread never waits. Reading is never paused for it: the peer's replies
 * must still be read for either side to make progress.
 */
final class Outbox {

    /** The most lines written by one I/O-thread task: other work of the I/O thread (a close) is not held up. */
    private static final int LINES_PER_TASK = 512;

    private final Channel channel;
    private final long highWaterMark;
    private final TrafficCounters traffic;
    private final Queue<Outgoing> lines = new ConcurrentLinkedQueue<>();
    /** Bytes of the lines waiting here, not yet counted by the channel. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flush = this::flush;
    private final Object writable = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;

    /** A line waiting here, its size, and the promise its writer holds. */
    private record Outgoing(ByteBuf line, int bytes, ChannelPromise promise) {
    }

    Outbox(Channel channel, int highWaterMark, TrafficCounters traffic) {
        this.channel = channel;
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
        int bytes = line.readableBytes();
        if (channel.eventLoop().inEventLoop()) {
            // what other threads wrote before goes first
            while (!lines.isEmpty()) {
                writeQueued();
            }
            // counted before the peer can see the line: the observer never throws, so the line is never lost
            traffic.written(bytes);
            return channel.writeAndFlush(line);
        }
        awaitWritable();
        traffic.written(bytes);
        ChannelPromise promise = channel.newPromise();
        queuedBytes.addAndGet(bytes);
        lines.add(new Outgoing(line, bytes, promise));
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
        return promise;
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
        // lines still here meet the closed channel, which releases them and fails their promises
        flush();
    }

    private void flush() {
        // cleared first: a line added from now on schedules another task, so none is left behind
        flushScheduled.set(false);
        writeQueued();
        if (!lines.isEmpty() && flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
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

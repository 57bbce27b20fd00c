package io.github.bjsonrpc.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import io.github.bjsonrpc.ConnectionOptions;
import io.netty.channel.Channel;

/**
 * Decides whether one connection reads from its peer: it pauses only for inbound pressure, when the peer's lines
 * waiting to start reach half of {@code maxQueuedRequests}, or when pipe elements waiting for their callers exceed
 * {@code maxBufferedPipeBytes}; it resumes when the queue is down to a quarter and the pipe buffers to half. While a
 * caller waits for the reply to one of its requests, full pipe buffers do not pause reading: that reply may be
 * behind the elements nobody consumes, and a caller that processes a pipe's elements with calls would otherwise
 * wait for ever. The buffers grow meanwhile only by what the peer sends before that reply.
 *
 * <p>Every decision is made on the connection's I/O thread, which alone owns the two pressure flags and alone
 * switches reading. Other threads only lower the pressure (take a task, consume an element) and, if reading is
 * paused, ask the I/O thread to look again. The I/O thread publishes that it paused before it reads the pressure
 * a last time, and the other threads lower the pressure before they read whether it paused: one of the two always
 * sees the other, so reading never stays off once the pressure is gone.
 */
final class ReadThrottle {

    private final Channel channel;
    private final IntSupplier queued;
    private final int pauseAt;
    private final int resumeAt;
    private final long pipeLimit;
    private final TrafficCounters traffic;
    private final AtomicLong pipeBytes = new AtomicLong();
    private final AtomicInteger pipeElements = new AtomicInteger();
    private final AtomicInteger callersWaiting = new AtomicInteger();
    private final AtomicBoolean recheckScheduled = new AtomicBoolean();
    private final Runnable recheck = this::recheck;
    /** On the I/O thread only. */
    private boolean queueFull;
    /** On the I/O thread only. */
    private boolean pipesFull;
    private volatile boolean paused;

    /**
     * @param channel the connection's channel
     * @param options its limits
     * @param queued how many of the peer's lines wait to start
     * @param traffic counts the pauses for pipe buffers
     */
    ReadThrottle(Channel channel, ConnectionOptions options, IntSupplier queued, TrafficCounters traffic) {
        this.channel = channel;
        this.queued = queued;
        this.pauseAt = Math.max(1, options.maxQueuedRequests() / 2);
        this.resumeAt = options.maxQueuedRequests() / 4;
        this.pipeLimit = options.maxBufferedPipeBytes();
        this.traffic = traffic;
    }

    /** How many waiting lines let a paused connection read again. */
    int resumeAt() {
        return resumeAt;
    }

    /**
     * On the I/O thread: a line needing a reply was queued.
     *
     * @param waiting how many wait now
     */
    void queued(int waiting) {
        if (!queueFull && waiting >= pauseAt) {
            queueFull = true;
            update();
        }
    }

    /**
     * On the I/O thread: a pipe element arrived and waits for its caller.
     *
     * @param bytes its share of the line that carried it
     */
    void buffered(int bytes) {
        pipeElements.incrementAndGet();
        long total = pipeBytes.addAndGet(bytes);
        if (total > pipeLimit && !paused) {
            if (!pipesFull) {
                pipesFull = true;
                traffic.limitReached("pipe-buffer");
            }
            update();
        }
    }

    /** From a caller's thread: it starts waiting for a reply; full pipe buffers do not pause reading meanwhile. */
    void callerWaiting() {
        callersWaiting.incrementAndGet();
        relieved();
    }

    /** From a caller's thread: it no longer waits; the next pipe element that arrives pauses again if need be. */
    void callerDone() {
        callersWaiting.decrementAndGet();
    }

    /**
     * From any thread: pipe elements were consumed, or dropped with their pipe.
     *
     * @param elements how many
     * @param bytes their shares of the lines that carried them
     */
    void consumed(int elements, long bytes) {
        pipeElements.addAndGet(-elements);
        pipeBytes.addAndGet(-bytes);
        relieved();
    }

    /** From any thread: the pressure went down; if reading is paused, the I/O thread looks again. */
    void relieved() {
        if (paused && recheckScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(recheck);
        }
    }

    private void recheck() {
        recheckScheduled.set(false);
        update();
    }

    private void update() {
        // published before the pressure is read: whoever lowers it afterwards sees the pause and asks again
        paused = queueFull || pipesFull && callersWaiting.get() == 0;
        if (queueFull && queued.getAsInt() <= resumeAt) {
            queueFull = false;
        }
        if (pipesFull && pipeBytes.get() <= pipeLimit / 2) {
            pipesFull = false;
        }
        boolean pause = queueFull || pipesFull && callersWaiting.get() == 0;
        paused = pause;
        if (channel.config().isAutoRead() == pause) {
            channel.config().setAutoRead(!pause);
        }
    }

    /** Whether reading is paused now. */
    boolean isPaused() {
        return paused;
    }

    /** Pipe elements waiting for their callers. */
    int bufferedElements() {
        return pipeElements.get();
    }

    /** Their shares of the lines that carried them, in bytes. */
    long bufferedBytes() {
        return pipeBytes.get();
    }
}

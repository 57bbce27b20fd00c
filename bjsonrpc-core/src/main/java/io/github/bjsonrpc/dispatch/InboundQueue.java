package io.github.bjsonrpc.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;

/**
 * The work of one connection's peer, run on the handler executor: tasks start in submission order and at most
 * {@code maxConcurrency} run at once. One drain task runs as many queued tasks as there are, so a burst of
 * requests costs one executor hand-off, not one per request.
 *
 * <p>A task that waits for a reply on its own connection {@linkplain #suspend() gives its slot back} while it
 * waits, so the peer's next request can run meanwhile (the reference dispatches nested while it waits), and
 * {@linkplain #resume() takes a slot again} before it continues; it has priority over tasks not yet started.
 */
public final class InboundQueue {

    private static final Logger log = LoggerFactory.getLogger(InboundQueue.class);

    private final Connection connection;
    private final Executor executor;
    private final int maxConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private int running;
    private int resuming;
    private boolean closed;
    private int lowWater = -1;
    private Runnable onLowWater = () -> { };

    /**
     * @param connection the connection whose work this is
     * @param executor where tasks run
     * @param maxConcurrency how many tasks may run at once
     */
    public InboundQueue(Connection connection, Executor executor, int maxConcurrency) {
        this.connection = connection;
        this.executor = executor;
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * Queues a task; it is dropped if the queue is closed.
     *
     * @param task the work
     */
    public void submit(Runnable task) {
        offer(task, Integer.MAX_VALUE, true);
    }

    /** Starts running the tasks queued without starting: as many at once as there are free slots and tasks. */
    public void start() {
        int drains = 0;
        lock.lock();
        try {
            while (running < maxConcurrency && tasks.size() > drains) {
                running++;
                drains++;
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < drains; i++) {
            startDrain();
        }
    }

    /**
     * Calls {@code callback} each time taking a task leaves at most {@code waiting} tasks waiting, off the lock: the
     * connection resumes reading then, if it had paused.
     *
     * @param waiting the low-water mark
     * @param callback what to do
     */
    public void onLowWater(int waiting, Runnable callback) {
        lock.lock();
        try {
            this.lowWater = waiting;
            this.onLowWater = callback;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a task unless {@code limit} tasks already wait; it is dropped if the queue is closed.
     *
     * @param task the work
     * @param limit how many tasks may wait
     * @param start whether to start running it now; otherwise {@link #start()} does, so that the requests of one
     *        read batch cost one hand-off to the executor
     * @return how many tasks wait now, or {@code -1} if the queue was full
     */
    public int offer(Runnable task, int limit, boolean start) {
        boolean startDrain;
        int waiting;
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            if (tasks.size() >= limit) {
                return -1;
            }
            tasks.add(task);
            waiting = tasks.size();
            startDrain = start && takeSlotIfWork();
        } finally {
            lock.unlock();
        }
        if (startDrain) {
            startDrain();
        }
        return waiting;
    }

    /**
     * Waits until no task runs or waits, at most until {@code deadline}.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @return whether the queue is idle
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitIdle(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (running > 0 || !tasks.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks are running now. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks are waiting to start. */
    public int queued() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every waiting task, queues {@code last} to run after the tasks already running, and accepts nothing
     * more. Threads waiting in {@link #resume()} continue at once.
     *
     * @param last the final task, such as closing the handler
     */
    public void close(Runnable last) {
        boolean startDrain;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            tasks.clear();
            tasks.add(last);
            slotFreed.signalAll();
            startDrain = takeSlotIfWork();
        } finally {
            lock.unlock();
        }
        if (startDrain) {
            startDrain();
        }
    }

    /** Gives the calling task's slot back while it waits; pair it with {@link #resume()}. */
    public void suspend() {
        boolean startDrain;
        lock.lock();
        try {
            running--;
            slotFreed.signalAll();
            startDrain = takeSlotIfWork();
        } finally {
            lock.unlock();
        }
        if (startDrain) {
            startDrain();
        }
    }

    /** Takes a slot again after {@link #suspend()}, waiting for one to be free (not once the queue is closed). */
    public void resume() {
        lock.lock();
        try {
            resuming++;
            while (running >= maxConcurrency && !closed) {
                slotFreed.awaitUninterruptibly();
            }
            resuming--;
            running++;
        } finally {
            lock.unlock();
        }
    }

    private boolean takeSlotIfWork() {
        if (!tasks.isEmpty() && running < maxConcurrency) {
            running++;
            return true;
        }
        return false;
    }

    private void startDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            log.warn("Handler executor rejected work of connection {}; closing it", connection.id());
            lock.lock();
            try {
                running--;
                tasks.clear();
                closed = true;
            } finally {
                lock.unlock();
            }
            connection.close();
        }
    }

    private void drain() {
        CallContext previous = CallContext.enter(connection, this);
        try {
            while (true) {
                Runnable task;
                boolean lowWaterReached;
                lock.lock();
                try {
                    // a task resuming after a wait goes before new work; its own drain loop runs the rest
                    task = resuming > 0 ? null : tasks.poll();
                    if (task == null) {
                        running--;
                        slotFreed.signalAll();
                        if (running == 0 && tasks.isEmpty()) {
                            idle.signalAll();
                        }
                        return;
                    }
                    lowWaterReached = tasks.size() <= lowWater;
                } finally {
                    lock.unlock();
                }
                if (lowWaterReached) {
                    onLowWater.run();
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    log.error("Unexpected failure in a task of connection {}", connection.id(), t);
                }
            }
        } finally {
            CallContext.exit(previous);
        }
    }
}

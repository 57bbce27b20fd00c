package io.github.bjsonrpc.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;

/**
 * The work of one connection's peer, run on the handler executor: tasks start in submission order, after the
 * {@linkplain #open opening task}, and at most {@code maxConcurrency} hold a slot at once. One drain task runs as
 * many queued tasks as there are, so a burst of requests costs one executor hand-off, not one per request. A task
 * may also {@linkplain #runHere run on the calling thread} (an inline method on the connection's event loop) when it
 * can start at once, in its turn. Work is in flight while it runs, {@linkplain #suspend() waits on the peer}
 * (without its slot) or {@linkplain #continueAsync continues} after its task returned; {@linkplain #close closing}
 * waits for it.
 */
public final class InboundQueue {

    private static final Logger log = LoggerFactory.getLogger(InboundQueue.class);

    private final Connection connection;
    private final Executor executor;
    private final Executor loop;
    private final int maxConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PendingAnswers answers = new PendingAnswers();
    /** Slots taken: by running tasks and by continuations that hold theirs. */
    private int running;
    /** Tasks waiting on the peer without a slot, and continuations that gave theirs back. */
    private int waiting;
    /** Threads in {@link #resume()} waiting for a slot. */
    private int resuming;
    private boolean opening = true;
    private boolean closed;
    private Runnable last;
    private int lowWater = -1;
    private Runnable onLowWater = () -> { };
    private volatile Runnable onPause = () -> { };

    /**
     * @param connection the connection whose work this is
     * @param executor where tasks run
     * @param maxConcurrency how many tasks may hold a slot at once
     */
    public InboundQueue(Connection connection, Executor executor, int maxConcurrency) {
        this(connection, executor, executor, maxConcurrency);
    }

    /**
     * @param connection the connection whose work this is
     * @param executor where tasks run
     * @param loop where the asynchronous answers of inline methods are written: the connection's event loop
     * @param maxConcurrency how many tasks may hold a slot at once
     */
    public InboundQueue(Connection connection, Executor executor, Executor loop, int maxConcurrency) {
        this.connection = connection;
        this.executor = executor;
        this.loop = loop;
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * Runs the opening task, alone; the tasks queued before and meanwhile start when it is done. Call it once.
     *
     * @param first the work that makes the queue ready, such as making the handler
     */
    public void open(Runnable first) {
        boolean started = locked(() -> {
            if (closed) {
                return false;
            }
            running++;
            return true;
        });
        if (started) {
            execute(() -> runFirst(first), 1);
        }
    }

    private void runFirst(Runnable first) {
        CallContext context = CallContext.enter(connection, this);
        try {
            first.run();
        } catch (Throwable t) {
            log.error("Unexpected failure opening connection {}", connection.id(), t);
        } finally {
            context.exit();
            paused();
            locked(() -> opening = false);
            release(true);
        }
    }

    /** Starts running the tasks queued without starting: as many at once as there are free slots and tasks. */
    public void start() {
        startDrains(locked(this::claimSlots));
    }

    /**
     * Calls {@code callback} each time taking a task leaves at most {@code waiting} tasks waiting, off the lock: the
     * connection resumes reading then, if it had paused.
     *
     * @param waiting the low-water mark
     * @param callback what to do
     */
    public void onLowWater(int waiting, Runnable callback) {
        locked(() -> {
            this.lowWater = waiting;
            this.onLowWater = callback;
            return null;
        });
    }

    /**
     * Calls {@code callback} on the executor's thread each time it stops running this queue's tasks: a drain ran out
     * of tasks, the opening task is done, or a task starts waiting on a peer. The connection writes then the replies
     * its tasks left waiting to go out together.
     *
     * @param callback what to do; quick, and never throws
     */
    public void onPause(Runnable callback) {
        this.onPause = callback;
    }

    /** The executor's thread stops running this queue's tasks for now. */
    void paused() {
        onPause.run();
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
        int drains;
        int queued;
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            if (tasks.size() >= limit) {
                return -1;
            }
            tasks.add(task);
            queued = tasks.size();
            drains = start ? claimSlots() : 0;
        } finally {
            lock.unlock();
        }
        startDrains(drains);
        return queued;
    }

    /**
     * Runs a task on the calling thread now, if it may start now: it would be next (no task waits to start, none
     * resumes after a wait, the opening task is done), a slot is free and the queue is open. Otherwise runs
     * nothing: queue the task with {@link #offer}, and it runs in its turn on the executor.
     *
     * @param task the work
     * @return whether it ran
     */
    public boolean runHere(Runnable task) {
        lock.lock();
        try {
            if (closed || opening || resuming > 0 || !tasks.isEmpty() || running >= maxConcurrency) {
                return false;
            }
            running++;
        } finally {
            lock.unlock();
        }
        CallContext context = CallContext.enter(connection, this);
        try {
            run(task);
        } finally {
            context.exit();
            if (!context.slotHandedOver()) {
                release(true);
            }
        }
        return true;
    }

    /**
     * Waits until no task is in flight or waits to start, at most until {@code deadline}.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @return whether the queue is idle
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitIdle(long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (!isIdle()) {
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

    /** How many tasks are in flight: running, waiting on the peer, or answering later. */
    public int inFlight() {
        return locked(() -> running + waiting);
    }

    /** Where the tasks run. */
    Executor executor() {
        return executor;
    }

    /** Where inline methods answer later: the connection's event loop. */
    Executor loop() {
        return loop;
    }

    /** How many tasks are waiting to start. */
    public int queued() {
        return locked(tasks::size);
    }

    /**
     * Drops every task not started, abandons the continuations, runs {@code last} once nothing is in flight any
     * more, and accepts nothing after. Threads waiting in {@link #resume()} continue at once.
     *
     * @param last the final task, such as closing the handler
     */
    public void close(Runnable last) {
        boolean closing = locked(() -> {
            if (closed) {
                return false;
            }
            closed = true;
            tasks.clear();
            slotFreed.signalAll();
            this.last = last;
            return true;
        });
        if (closing) {
            answers.abandonAll();
            runLast(locked(this::afterRelease));
        }
    }

    /**
     * Gives the calling task's slot back while it waits on the peer, so that the peer's next request (perhaps the
     * call-back waited for) can run meanwhile, as the reference dispatches while it waits. Pair it with
     * {@link #resume()}.
     */
    public void suspend() {
        startDrains(locked(() -> {
            running--;
            waiting++;
            slotFreed.signalAll();
            return claimSlots();
        }));
    }

    /**
     * Takes a slot again after {@link #suspend()}, before tasks not yet started, waiting for one to be free (not
     * once the queue is closed).
     */
    public void resume() {
        lock.lock();
        try {
            resuming++;
            while (running >= maxConcurrency && !closed) {
                slotFreed.awaitUninterruptibly();
            }
            resuming--;
            waiting--;
            running++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The task running on the calling thread answers later: its request stays in flight until the returned
     * continuation is done. Call it from the task itself.
     *
     * @param holdSlot whether the request keeps its slot until then; otherwise the slot is given back now, as
     *        while waiting on the peer
     * @return the continuation to end when the answer is written
     */
    Continuation continueAsync(boolean holdSlot) {
        CallContext context = CallContext.current();
        if (context == null || context.queue() != this) {
            throw new IllegalStateException("Only a task of this queue can continue asynchronously");
        }
        Continuation continuation = new Continuation(this, holdSlot);
        if (holdSlot) {
            context.handOverSlot();
        } else {
            locked(() -> waiting++);
        }
        if (!answers.add(continuation)) {
            continuation.abandon();
        }
        return continuation;
    }

    /** A continuation is done: its slot, if it held one, is free. */
    void finished(Continuation continuation) {
        answers.remove(continuation);
        release(continuation.holdsSlot());
    }

    /**
     * Work left: a slot is free, or a task waiting without one is done. Starts what can start now, and the last
     * task once nothing is in flight after closing.
     *
     * @param slot whether the work held a slot
     */
    private void release(boolean slot) {
        int drains;
        Runnable lastTask;
        lock.lock();
        try {
            if (slot) {
                running--;
                slotFreed.signalAll();
            } else {
                waiting--;
            }
            drains = claimSlots();
            lastTask = afterRelease();
        } finally {
            lock.unlock();
        }
        startDrains(drains);
        runLast(lastTask);
    }

    /** Under the lock: takes a slot for each task that can start now. */
    private int claimSlots() {
        if (opening || resuming > 0) {
            return 0;
        }
        int drains = 0;
        while (running < maxConcurrency && tasks.size() > drains) {
            running++;
            drains++;
        }
        return drains;
    }

    private boolean isIdle() {
        return running == 0 && waiting == 0 && tasks.isEmpty();
    }

    /** Under the lock, after work left: wakes idle waiters, and hands out the last task once nothing is left. */
    private Runnable afterRelease() {
        if (isIdle()) {
            idle.signalAll();
        }
        if (closed && last != null && running == 0 && waiting == 0) {
            Runnable lastTask = last;
            last = null;
            return lastTask;
        }
        return null;
    }

    private void runLast(Runnable lastTask) {
        if (lastTask == null) {
            return;
        }
        try {
            executor.execute(lastTask);
        } catch (RejectedExecutionException e) {
            lastTask.run();
        }
    }

    private void startDrains(int drains) {
        for (int i = 0; i < drains; i++) {
            if (!execute(this::drain, drains - i)) {
                return;
            }
        }
    }

    /**
     * Hands work over to the executor; if it refuses, gives back the slots claimed for this work and what follows,
     * drops the tasks, and closes the connection.
     *
     * @return whether the executor took the work
     */
    private boolean execute(Runnable work, int slots) {
        try {
            executor.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Handler executor rejected work of connection {}; closing it", connection.id());
            runLast(locked(() -> {
                running -= slots;
                opening = false;
                tasks.clear();
                slotFreed.signalAll();
                return afterRelease();
            }));
            connection.close();
            return false;
        }
    }

    private void drain() {
        CallContext context = CallContext.enter(connection, this);
        try {
            Runnable task;
            while (!context.slotHandedOver() && (task = next()) != null) {
                run(task);
            }
        } finally {
            context.exit();
            paused();
            if (!context.slotHandedOver()) {
                release(true);
            }
        }
    }

    /** The next task to run, or {@code null}: none, or a task resuming after a wait goes first. */
    private Runnable next() {
        Runnable task;
        boolean lowWaterReached;
        lock.lock();
        try {
            task = resuming > 0 ? null : tasks.poll();
            lowWaterReached = task != null && tasks.size() <= lowWater;
        } finally {
            lock.unlock();
        }
        if (lowWaterReached) {
            onLowWater.run();
        }
        return task;
    }

    /** Runs a task; a fatal error (already reported) goes on up, and the drain's clean-up frees its slot. */
    private void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            if (HandlerFailures.isFatal(t)) {
                throw t;
            }
            log.error("Unexpected failure in a task of connection {}", connection.id(), t);
        }
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}

package io.github.bjsonrpc.transport;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a pipe's elements to its one {@link Flow.Subscriber} as far as the subscriber's demand goes, serially, on
 * the handler executor. Elements not yet demanded stay in the pipe's buffer, where they count against the
 * connection's limit: demand reaches the socket. A subscriber that throws from {@code onNext} breaks rule 2.13;
 * its subscription is cancelled, the pipe closed, and it gets what it threw in {@code onError}.
 */
final class PipeDelivery<T> implements Flow.Subscription {

    private static final Logger log = LoggerFactory.getLogger(PipeDelivery.class);

    private final PendingPipe<T> pipe;
    private final Flow.Subscriber<? super T> subscriber;
    private final Executor executor;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean cancelled;
    /** Only in the serial drain. */
    private boolean done;

    PipeDelivery(PendingPipe<T> pipe, Flow.Subscriber<? super T> subscriber, Executor executor) {
        this.pipe = pipe;
        this.subscriber = subscriber;
        this.executor = executor;
    }

    void start() {
        subscriber.onSubscribe(this);
        schedule();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancel();
            signal(() -> subscriber.onError(new IllegalArgumentException(
                "Flow rule 3.9: request a positive number, not " + n)));
            return;
        }
        demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        schedule();
    }

    @Override
    public void cancel() {
        cancelled = true;
        pipe.close();
    }

    void schedule() {
        if (work.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            while (!done && !cancelled && deliverOne()) {
                // delivered one; look at the next
            }
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Delivers the next signal the demand allows; whether there may be another. */
    private boolean deliverOne() {
        Object head = pipe.peek();
        if (head == null) {
            return false;
        }
        if (head instanceof PendingPipe.End end) {
            done = true;
            signal(end.failure() == null ? subscriber::onComplete : () -> subscriber.onError(end.failure()));
            return false;
        }
        if (demand.get() == 0) {
            return false;
        }
        Object element = pipe.poll();
        demand.decrementAndGet();
        try {
            subscriber.onNext(PendingPipe.<T>value(element));
            return true;
        } catch (RuntimeException | Error failure) {
            done = true;
            cancel();
            signal(() -> subscriber.onError(failure));
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return false;
        }
    }

    /** A terminal signal; what the subscriber throws from it is logged, and the delivery is over anyway. */
    private void signal(Runnable terminal) {
        try {
            terminal.run();
        } catch (RuntimeException e) {
            log.warn("The subscriber of pipe '{}' #{} failed on its last signal", pipe.method(), pipe.id(), e);
        }
    }
}

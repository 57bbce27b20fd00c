package io.github.bjsonrpc.transport;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.wire.ReplyMessage;

/** A pipe request of ours: every reply is an element until it ends. */
final class PendingPipe<T> extends Pending implements Pipe<T> {

    /** Stands for a {@code null} element in the queue. */
    private static final Object NULL = new Object();

    /** The last item of the queue: the pipe ended, normally when {@code failure} is {@code null}. */
    private record End(Throwable failure) {
    }

    private final NettyConnection connection;
    private final long id;
    private final String method;
    private final Class<T> elementType;
    private final Consumer<Throwable> onEnd;
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean consumed = new AtomicBoolean();
    private volatile Delivery delivery;

    PendingPipe(NettyConnection connection, long id, String method, Class<T> elementType,
            Consumer<Throwable> onEnd) {
        this.onEnd = onEnd;
        this.connection = connection;
        this.id = id;
        this.method = method;
        this.elementType = elementType;
    }

    @Override
    void onReply(ReplyMessage reply) {
        if (ended.get()) {
            return;
        }
        if (reply.pipeEnd()) {
            end(null);
        } else if (reply.isError()) {
            end(connection.remoteError(reply));
        } else {
            Object element;
            try {
                element = connection.convert(reply.result(), elementType, method);
            } catch (RuntimeException e) {
                end(e);
                return;
            }
            items.add(element == null ? NULL : element);
            signal();
        }
    }

    @Override
    void fail(Throwable failure) {
        end(failure);
    }

    @Override
    public void close() {
        end(null);
    }

    private void end(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            connection.forget(id, this);
            items.add(new End(failure));
            onEnd.accept(failure);
            signal();
        }
    }

    private void signal() {
        Delivery d = delivery;
        if (d != null) {
            d.schedule();
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean isClosed() {
        return ended.get();
    }

    private void claim() {
        if (!consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("The elements of pipe '" + method + "' #" + id
                + " are already being consumed; use one iterator, stream or publisher per pipe");
        }
    }

    @Override
    public Iterator<T> iterator() {
        claim();
        return new Iterator<>() {
            private Object next;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (finished) {
                    return false;
                }
                if (next == null) {
                    next = connection.take(items);
                    if (next == null) {
                        throw new CallTimeoutException("No element of pipe '" + method + "' #" + id + " within "
                            + connection.options().callTimeout() + " (the call timeout); the pipe stays open");
                    }
                }
                if (next instanceof End end) {
                    finished = true;
                    if (end.failure() != null) {
                        throw NettyConnection.rethrowable(end.failure());
                    }
                    return false;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("pipe '" + method + "' #" + id + " has ended");
                }
                Object item = next;
                next = null;
                return unwrap(item);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private T unwrap(Object item) {
        return item == NULL ? null : (T) item;
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
            .onClose(this::close);
    }

    @Override
    public Flow.Publisher<T> publisher() {
        return subscriber -> {
            claim();
            Delivery d = new Delivery(subscriber);
            delivery = d;
            subscriber.onSubscribe(d);
            d.schedule();
        };
    }

    /** Hands queued elements to one subscriber as far as its demand goes, serially, on the handler executor. */
    private final class Delivery implements Flow.Subscription {

        private final Flow.Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;

        Delivery(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("Flow rule 3.9: request a positive number, not " + n));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            close();
        }

        void schedule() {
            if (work.getAndIncrement() == 0) {
                connection.executor().execute(this::drain);
            }
        }

        private void drain() {
            int missed = 1;
            while (true) {
                while (!done && !cancelled) {
                    Object head = items.peek();
                    if (head == null) {
                        break;
                    }
                    if (head instanceof End end) {
                        done = true;
                        if (end.failure() == null) {
                            subscriber.onComplete();
                        } else {
                            subscriber.onError(end.failure());
                        }
                        break;
                    }
                    if (demand.get() == 0) {
                        break;
                    }
                    items.poll();
                    demand.decrementAndGet();
                    subscriber.onNext(unwrap(head));
                }
                missed = work.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Pipe[" + method + " #" + id + (ended.get() ? ", ended]" : "]");
    }
}

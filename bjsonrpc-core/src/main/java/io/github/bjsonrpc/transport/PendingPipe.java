package io.github.bjsonrpc.transport;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.dispatch.PeerWaits;
import io.github.bjsonrpc.wire.ReplyMessage;

/**
 * A pipe request of ours: every reply is an element until it ends. Elements wait here for the caller, counted
 * against the connection's {@code maxBufferedPipeBytes} until the caller takes them.
 */
final class PendingPipe<T> extends Pending implements Pipe<T> {

    /** An element waiting for the caller, and its share of the line that carried it. */
    record Element(Object value, int bytes) {
    }

    /** The last item: the pipe ended, normally when {@code failure} is {@code null}. */
    record End(Throwable failure) {
    }

    private final NettyConnection connection;
    private final PendingCalls calls;
    private final ReadThrottle throttle;
    private final long id;
    private final String method;
    private final Class<T> elementType;
    private final Consumer<Throwable> onEnd;
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean consumed = new AtomicBoolean();
    private volatile PipeDelivery<T> delivery;

    PendingPipe(NettyConnection connection, PendingCalls calls, ReadThrottle throttle, long id, String method,
            Class<T> elementType, Consumer<Throwable> onEnd) {
        this.connection = connection;
        this.calls = calls;
        this.throttle = throttle;
        this.id = id;
        this.method = method;
        this.elementType = elementType;
        this.onEnd = onEnd;
    }

    @Override
    void onReply(ReplyMessage reply, int bytes) {
        if (ended.get()) {
            return;
        }
        if (reply.pipeEnd()) {
            end(null);
        } else if (reply.isError()) {
            end(calls.remoteError(reply));
        } else {
            Object element;
            try {
                element = calls.convert(reply.result(), elementType, method);
            } catch (RuntimeException e) {
                end(e);
                return;
            }
            items.add(new Element(element, bytes));
            throttle.buffered(bytes);
            signal();
        }
    }

    @Override
    void fail(Throwable failure) {
        end(failure);
    }

    /** Stops listening, and drops the elements nobody took. */
    @Override
    public void close() {
        end(null);
        int[] dropped = {0};
        long[] bytes = {0};
        items.removeIf(item -> {
            if (item instanceof Element element) {
                dropped[0]++;
                bytes[0] += element.bytes();
                return true;
            }
            return false;
        });
        if (dropped[0] > 0) {
            throttle.consumed(dropped[0], bytes[0]);
        }
    }

    private void end(Throwable failure) {
        if (ended.compareAndSet(false, true)) {
            calls.forget(id, this);
            // counted as ended before a consumer can see the end: its stats then agree with what it saw
            try {
                onEnd.accept(failure);
            } finally {
                items.add(new End(failure));
                signal();
            }
        }
    }

    private void signal() {
        PipeDelivery<T> d = delivery;
        if (d != null) {
            d.schedule();
        }
    }

    /** The next item without taking it: an {@link Element}, the {@link End}, or {@code null}. */
    Object peek() {
        return items.peek();
    }

    /** Takes the next item, which {@link #peek()} showed, and frees its share of the buffer. */
    Object poll() {
        return taken(items.poll());
    }

    private Object taken(Object item) {
        if (item instanceof Element element) {
            throttle.consumed(1, element.bytes());
        }
        return item;
    }

    private Object take() {
        Object item = items.poll();
        if (item == null) {
            try {
                item = PeerWaits.await(connection,
                    () -> items.poll(connection.options().callTimeout().toNanos(), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BjsonRpcException("Interrupted while waiting for an element of pipe '" + method + "'", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
        if (item == null) {
            throw new CallTimeoutException("No element of pipe '" + method + "' #" + id + " within "
                + connection.options().callTimeout() + " (the call timeout); the pipe stays open");
        }
        return taken(item);
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
                    next = take();
                }
                if (next instanceof End end) {
                    finished = true;
                    if (end.failure() != null) {
                        throw CallerFailures.inCallerThread(end.failure());
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
                return value(item);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <T> T value(Object element) {
        return (T) ((Element) element).value();
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
            PipeDelivery<T> d = new PipeDelivery<>(this, subscriber, connection.executor());
            delivery = d;
            d.start();
        };
    }

    @Override
    public String toString() {
        return "Pipe[" + method + " #" + id + (ended.get() ? ", ended]" : "]");
    }
}

package io.github.bjsonrpc.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.HandlerGroup;
import io.github.bjsonrpc.wire.JsonValues;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import tools.jackson.core.JacksonException;

/**
 * Runs the peer's requests against one connection's handler: finds the published method, binds the arguments,
 * invokes it, and turns what it returned or threw into replies. A method returning a {@link Stream},
 * {@link Iterator} or {@link Flow.Publisher} answers with one reply per element (a pipe); any other value is one
 * reply. Runs on the connection's {@link InboundQueue}, never on an I/O thread.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Connection connection;
    private final ReplySink replies;
    private final JsonValues.References references;
    private volatile Object handler;
    private volatile Map<String, Route> routes = Map.of();
    /** Done when {@link #init} has run: with more than one request at a time, dispatches may start before. */
    private final CountDownLatch ready = new CountDownLatch(1);

    /** A published method and the object it runs on. */
    private record Route(Object target, PublishedMethod method) {
    }

    /**
     * @param connection the connection served
     * @param replies where replies go
     * @param references resolves reference objects inside untyped arguments
     */
    public Dispatcher(Connection connection, ReplySink replies, JsonValues.References references) {
        this.connection = connection;
        this.replies = replies;
        this.references = references;
    }

    /**
     * Makes the connection's handler and its method routes. Called once, as the connection's first task.
     *
     * @param factory the handler factory
     * @throws RuntimeException whatever the factory or the method table threw; the connection is unusable then
     */
    public void init(HandlerFactory factory) {
        try {
            this.handler = route(factory.create(connection));
        } finally {
            ready.countDown();
        }
    }

    private Object route(Object made) {
        Map<String, Route> table = new HashMap<>();
        for (Object member : members(made)) {
            for (PublishedMethod method : MethodTable.of(member.getClass()).methods()) {
                Route previous = table.putIfAbsent(method.name(), new Route(member, method));
                if (previous != null) {
                    throw new IllegalArgumentException("Method '" + method.name() + "' is published by both "
                        + previous.target().getClass().getName() + " and " + member.getClass().getName());
                }
            }
        }
        this.routes = table;
        return made;
    }

    /** The handler made by {@link #init}, or {@code null}. */
    public Object handler() {
        return handler;
    }

    private static List<Object> members(Object handler) {
        if (handler == null) {
            return List.of();
        }
        if (handler instanceof HandlerGroup group) {
            return group.members();
        }
        return List.of(handler);
    }

    /**
     * Runs one request and writes its replies (none for a notification).
     *
     * @param request the request
     */
    public void dispatch(RequestMessage request) {
        awaitReady();
        Route route = routes.get(request.method());
        if (route == null) {
            reject(request, ErrorMessages.unknownMethod(request.method()), MessageWriter.METHOD_NOT_FOUND);
            return;
        }
        Object[] args;
        try {
            args = ArgumentBinder.bind(route.method(), request.params(), request.kwparams(), connection, references);
        } catch (BindException e) {
            reject(request, e.getMessage(), MessageWriter.INVALID_PARAMS);
            return;
        }
        Object result;
        try {
            result = route.method().invoke(route.target(), args);
        } catch (Throwable failure) {
            logHandlerFailure(request, failure);
            reject(request, ErrorMessages.describe(failure), MessageWriter.SERVER_ERROR);
            return;
        }
        if (request.isNotification()) {
            discard(result);
        } else if (result instanceof Stream<?> stream) {
            try (stream) {
                sendAll(request, stream.iterator());
            }
        } else if (result instanceof Iterator<?> iterator) {
            sendAll(request, iterator);
        } else if (result instanceof Flow.Publisher<?> publisher) {
            sendAll(request, publisher);
        } else if (send(request, result) && request.pipeEnd()) {
            replies.pipeEnd(request);
        }
    }

    private void awaitReady() {
        boolean interrupted = false;
        while (ready.getCount() > 0) {
            try {
                ready.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers an object that had an id but was no message.
     *
     * @param request a stand-in request carrying the id
     */
    public void unknownFormat(RequestMessage request) {
        reject(request, ErrorMessages.unknownFormat(), MessageWriter.INVALID_REQUEST);
    }

    /** Closes the handler objects that are {@link AutoCloseable}; called once when the connection closes. */
    public void close() {
        for (Object member : members(handler)) {
            if (member instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Handler {} of connection {} failed to close", member.getClass().getName(),
                        connection.id(), e);
                }
            }
        }
    }

    /** The names the peer can call on the root handler. */
    public List<String> methodNames() {
        return new ArrayList<>(routes.keySet());
    }

    private void reject(RequestMessage request, String message, int code) {
        if (!request.isNotification()) {
            replies.error(request, message, code);
        }
    }

    /** Writes one result; an unwritable value is answered with an error instead. */
    private boolean send(RequestMessage request, Object value) {
        try {
            replies.result(request, value);
            return true;
        } catch (JacksonException e) {
            log.debug("Result of '{}' on connection {} is not serializable", request.method(), connection.id(), e);
            replies.error(request, ErrorMessages.unserializable(value), MessageWriter.SERVER_ERROR);
            return false;
        }
    }

    private void sendAll(RequestMessage request, Iterator<?> elements) {
        try {
            while (replies.isOpen() && elements.hasNext()) {
                if (!send(request, elements.next())) {
                    return;
                }
            }
        } catch (RuntimeException | Error failure) {
            logHandlerFailure(request, failure);
            replies.error(request, ErrorMessages.describe(failure), MessageWriter.SERVER_ERROR);
            return;
        }
        if (request.pipeEnd() && replies.isOpen()) {
            replies.pipeEnd(request);
        }
    }

    private void sendAll(RequestMessage request, Flow.Publisher<?> publisher) {
        CountDownLatch done = new CountDownLatch(1);
        PipeSubscriber subscriber = new PipeSubscriber(request, done);
        publisher.subscribe(subscriber);
        try {
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (!replies.isOpen()) {
                    subscriber.cancel();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.cancel();
        }
    }

    /** Writes a publisher's elements one at a time: it requests the next once the previous is written. */
    private final class PipeSubscriber implements Flow.Subscriber<Object> {

        private final RequestMessage request;
        private final CountDownLatch done;
        private volatile Flow.Subscription subscription;

        PipeSubscriber(RequestMessage request, CountDownLatch done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(Object item) {
            if (replies.isOpen() && send(request, item)) {
                subscription.request(1);
            } else {
                cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            logHandlerFailure(request, failure);
            if (replies.isOpen()) {
                replies.error(request, ErrorMessages.describe(failure), MessageWriter.SERVER_ERROR);
            }
            done.countDown();
        }

        @Override
        public void onComplete() {
            if (request.pipeEnd() && replies.isOpen()) {
                replies.pipeEnd(request);
            }
            done.countDown();
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            done.countDown();
        }
    }

    private static void discard(Object result) {
        if (result instanceof AutoCloseable closeable && (result instanceof Stream || result instanceof Iterator)) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a notification's result goes nowhere
            }
        }
    }

    private void logHandlerFailure(RequestMessage request, Throwable failure) {
        if (failure instanceof io.github.bjsonrpc.ServerError) {
            log.debug("'{}' on connection {} answered with an error: {}", request.method(), connection.id(),
                failure.getMessage());
        } else {
            log.warn("'{}' on connection {} failed", request.method(), connection.id(), failure);
        }
    }
}

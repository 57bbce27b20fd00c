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

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.FunctionHandle;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.HandlerGroup;
import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.ServerError;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;
import tools.jackson.databind.JsonNode;

/**
 * Runs the peer's requests against one connection's handler and the objects it exported ({@code NAME.method},
 * {@code NAME.__delete__}): finds the published method, binds the arguments,
 * invokes it, and turns what it returned or threw into replies. A method returning a {@link Stream},
 * {@link Iterator} or {@link Flow.Publisher} answers with one reply per element (a pipe); any other value is one
 * reply. Runs on the connection's {@link InboundQueue}, never on an I/O thread.
 */
public final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Connection connection;
    private final ReplySink replies;
    private final ObjectTable objects;
    private final RpcObserver observer;
    private final ArgumentBinder.References references = new ReferenceResolver();
    private volatile Object handler;
    private volatile Map<String, Route> routes = Map.of();
    /** Done when {@link #init} has run: with more than one request at a time, dispatches may start before. */
    private final CountDownLatch ready = new CountDownLatch(1);

    /** The member a peer calls to delete an exported object: {@code NAME.__delete__}. */
    private static final String DELETE = "__delete__";

    /**
     * A published method and the object it runs on.
     *
     * @param observedName the method as metrics name it: {@code name}, or {@code Class.name} on an exported object
     */
    private record Route(Object target, PublishedMethod method, String observedName) {

        Route(Object target, PublishedMethod method) {
            this(target, method, method.name());
        }
    }

    /** The route of {@code NAME.method} on an exported object, or {@code null}. */
    private Route objectRoute(String name, int dot) {
        if (dot <= 0) {
            return null;
        }
        Object target = objects.find(name.substring(0, dot));
        if (target == null) {
            return null;
        }
        PublishedMethod method = MethodTable.of(target.getClass()).find(name.substring(dot + 1));
        return method == null ? null
            : new Route(target, method, target.getClass().getSimpleName() + "." + method.name());
    }

    /**
     * @param connection the connection served
     * @param replies where replies go
     * @param objects the objects the connection exported
     * @param observer told of every request handled
     */
    public Dispatcher(Connection connection, ReplySink replies, ObjectTable objects, RpcObserver observer) {
        this.connection = connection;
        this.replies = replies;
        this.objects = objects;
        this.observer = observer;
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
        String name = request.method();
        Route route = routes.get(name);
        if (route == null) {
            int dot = name.indexOf('.');
            if (dot > 0 && name.startsWith(DELETE, dot + 1) && name.length() == dot + 1 + DELETE.length()) {
                RpcObserver.Scope scope = observer.handling(connection, DELETE);
                objects.delete(name.substring(0, dot));
                boolean sent = request.isNotification() || send(request, null);
                scope.end(callType(request),
                    sent ? RpcObserver.Outcome.SUCCESS : RpcObserver.Outcome.UNWRITABLE_RESULT);
                return;
            }
            route = objectRoute(name, dot);
        }
        RpcObserver.CallType[] type = {callType(request)};
        RpcObserver.Scope scope = observer.handling(connection, route == null ? RpcObserver.UNKNOWN_METHOD
            : route.observedName());
        RpcObserver.Outcome outcome = respond(request, route, type);
        scope.end(type[0], outcome);
    }

    private static RpcObserver.CallType callType(RequestMessage request) {
        return request.isNotification() ? RpcObserver.CallType.NOTIFY : RpcObserver.CallType.CALL;
    }

    /** Runs the request and writes its replies; {@code type} becomes {@code PIPE} if it answered with a pipe. */
    private RpcObserver.Outcome respond(RequestMessage request, Route route, RpcObserver.CallType[] type) {
        String name = request.method();
        if (route == null) {
            int dot = name.indexOf('.');
            reject(request, dot > 0 && objects.find(name.substring(0, dot)) == null
                ? ErrorMessages.unknownObject(name.substring(0, dot))
                : ErrorMessages.unknownMethod(name), MessageWriter.METHOD_NOT_FOUND);
            return RpcObserver.Outcome.UNKNOWN_METHOD;
        }
        Object[] args;
        try {
            args = ArgumentBinder.bind(route.method(), request.params(), request.kwparams(), connection, references);
        } catch (BindException e) {
            reject(request, e.getMessage(), MessageWriter.INVALID_PARAMS);
            return RpcObserver.Outcome.INVALID_PARAMS;
        }
        Object result;
        try {
            result = route.method().invoke(route.target(), args);
        } catch (Throwable failure) {
            logHandlerFailure(request, failure);
            reject(request, ErrorMessages.describe(failure), MessageWriter.SERVER_ERROR);
            return outcomeOf(failure);
        }
        if (request.isNotification()) {
            discard(result);
            return RpcObserver.Outcome.SUCCESS;
        }
        if (result instanceof Stream<?> stream) {
            type[0] = RpcObserver.CallType.PIPE;
            try (stream) {
                return sendAll(request, stream.iterator());
            }
        }
        if (result instanceof Iterator<?> iterator) {
            type[0] = RpcObserver.CallType.PIPE;
            return sendAll(request, iterator);
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            type[0] = RpcObserver.CallType.PIPE;
            return sendAll(request, publisher);
        }
        if (!send(request, result)) {
            return RpcObserver.Outcome.UNWRITABLE_RESULT;
        }
        if (request.pipeEnd()) {
            replies.pipeEnd(request);
        }
        return RpcObserver.Outcome.SUCCESS;
    }

    private static RpcObserver.Outcome outcomeOf(Throwable failure) {
        return failure instanceof ServerError || failure instanceof io.github.bjsonrpc.RemoteError
            ? RpcObserver.Outcome.SERVER_ERROR : RpcObserver.Outcome.HANDLER_EXCEPTION;
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

    /**
     * Closes the exported objects and the handler objects that are {@link AutoCloseable}; called once when the
     * connection closes.
     */
    public void close() {
        objects.closeAll();
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
        } catch (RuntimeException e) {
            log.debug("Result of '{}' on connection {} cannot be written", request.method(), connection.id(), e);
            replies.error(request, ErrorMessages.unwritable(value, e), MessageWriter.SERVER_ERROR);
            return false;
        }
    }

    private RpcObserver.Outcome sendAll(RequestMessage request, Iterator<?> elements) {
        try {
            while (replies.isOpen() && elements.hasNext()) {
                if (!send(request, elements.next())) {
                    return RpcObserver.Outcome.UNWRITABLE_RESULT;
                }
            }
        } catch (RuntimeException | Error failure) {
            logHandlerFailure(request, failure);
            replies.error(request, ErrorMessages.describe(failure), MessageWriter.SERVER_ERROR);
            return outcomeOf(failure);
        }
        if (request.pipeEnd() && replies.isOpen()) {
            replies.pipeEnd(request);
        }
        return RpcObserver.Outcome.SUCCESS;
    }

    private RpcObserver.Outcome sendAll(RequestMessage request, Flow.Publisher<?> publisher) {
        CountDownLatch done = new CountDownLatch(1);
        PipeSubscriber subscriber = new PipeSubscriber(request, done);
        publisher.subscribe(subscriber);
        try {
            while (!done.await(1, TimeUnit.SECONDS)) {
                if (!replies.isOpen()) {
                    subscriber.cancel();
                    return RpcObserver.Outcome.HANDLER_EXCEPTION;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscriber.cancel();
        }
        return subscriber.outcome;
    }

    /** Writes a publisher's elements one at a time: it requests the next once the previous is written. */
    private final class PipeSubscriber implements Flow.Subscriber<Object> {

        private final RequestMessage request;
        private final CountDownLatch done;
        private volatile Flow.Subscription subscription;
        private volatile RpcObserver.Outcome outcome = RpcObserver.Outcome.SUCCESS;

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
                outcome = RpcObserver.Outcome.UNWRITABLE_RESULT;
                cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            outcome = outcomeOf(failure);
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

    /** Resolves object and function references against this connection's handler and exported objects. */
    private final class ReferenceResolver implements ArgumentBinder.References {

        @Override
        public Object object(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException {
            String name = referenceName(value, Json.OBJECT_REFERENCE);
            if (name == null) {
                throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                    + "' must be an object reference");
            }
            Object target = objects.find(name);
            if (target == null) {
                throw new BindException(ErrorMessages.unknownObject(name));
            }
            if (!spec.type().getRawClass().isInstance(target)) {
                throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                    + "': object '" + name + "' is not a " + spec.type().getRawClass().getSimpleName());
            }
            return target;
        }

        @Override
        public Object function(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException {
            String name = referenceName(value, Json.FUNCTION_REFERENCE);
            if (name == null) {
                throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                    + "' must be a function reference");
            }
            Route route = routes.get(name);
            if (route == null) {
                route = objectRoute(name, name.indexOf('.'));
            }
            if (route == null) {
                throw new BindException(ErrorMessages.unknownMethod(name));
            }
            return new BoundFunction(name, route.target(), route.method());
        }

        private String referenceName(JsonNode value, String key) {
            JsonNode name = value.isObject() && value.size() == 1 ? value.get(key) : null;
            return name != null && name.isString() ? name.stringValue() : null;
        }
    }

    /** A method of this side that the peer named by reference. */
    private final class BoundFunction implements FunctionHandle {
        private final String name;
        private final Object target;
        private final PublishedMethod method;

        BoundFunction(String name, Object target, PublishedMethod method) {
            this.name = name;
            this.target = target;
            this.method = method;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Object invoke(Object... args) {
            Params params = Params.from(args);
            JsonNode positional = Json.MAPPER.valueToTree(params.positional());
            JsonNode keywords = params.keywords().isEmpty() ? null : Json.MAPPER.valueToTree(params.keywords());
            Object[] bound;
            try {
                bound = ArgumentBinder.bind(method, positional, keywords, connection, references);
            } catch (BindException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            try {
                return method.invoke(target, bound);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new BjsonRpcException("'" + name + "' failed: " + e, e);
            }
        }

        @Override
        public String toString() {
            return "FunctionHandle[" + name + "]";
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
        if (failure instanceof ServerError) {
            log.debug("'{}' on connection {} answered with an error: {}", request.method(), connection.id(),
                failure.getMessage());
        } else {
            log.warn("'{}' on connection {} failed", request.method(), connection.id(), failure);
        }
    }
}

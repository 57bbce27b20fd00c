package io.github.bjsonrpc.transport;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.RpcObserver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;

/** The verbs of one connection towards its peer: requests, pipes and notifications, observed and limited. */
final class OutboundCalls {

    private final NettyConnection connection;
    private final PendingCalls calls;
    private final LineEncoder lines;
    private final Outbox outbox;
    private final ReadThrottle throttle;
    private final RpcObserver observer;
    private final ConnectionOptions options;
    private final TrafficCounters traffic;
    private final AtomicInteger openPipes = new AtomicInteger();

    OutboundCalls(NettyConnection connection, PendingCalls calls, LineEncoder lines, Outbox outbox,
            ReadThrottle throttle, RpcObserver observer, TrafficCounters traffic) {
        this.connection = connection;
        this.calls = calls;
        this.lines = lines;
        this.outbox = outbox;
        this.throttle = throttle;
        this.observer = observer;
        this.options = connection.options();
        this.traffic = traffic;
    }

    <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        long id = calls.nextId();
        PendingRequest<T> request = new PendingRequest<>(connection, calls, throttle, id, method, resultType);
        RpcObserver.Scope scope = observer.issuing(connection, observedName(method));
        if (scope != RpcObserver.Scope.NOOP) {
            request.future().whenComplete((value, failure) -> scope.end(RpcObserver.CallType.CALL,
                outcomeOf(failure), causeOf(failure)));
        }
        try {
            send(id, request, method, Params.from(args), false, scope.context());
        } catch (RuntimeException e) {
            request.fail(e);
            throw e;
        }
        return request;
    }

    <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        long id = calls.nextId();
        RpcObserver.Scope scope = observer.issuing(connection, observedName(method));
        if (openPipes.incrementAndGet() > options.maxOpenPipes()) {
            openPipes.decrementAndGet();
            traffic.limitReached("open-pipes");
            throw new BjsonRpcException("Connection " + connection.id() + " already has " + options.maxOpenPipes()
                + " open pipes (maxOpenPipes): close some before opening '" + method + "'");
        }
        PendingPipe<T> pipe = new PendingPipe<>(connection, calls, throttle, id, method, elementType, failure -> {
            openPipes.decrementAndGet();
            scope.end(RpcObserver.CallType.PIPE, outcomeOf(failure), causeOf(failure));
        });
        try {
            send(id, pipe, method, Params.from(args), options.pipeEndMarker(), scope.context());
        } catch (RuntimeException e) {
            pipe.fail(e);
            throw e;
        }
        return pipe;
    }

    void notify(String method, Object... args) {
        RpcObserver.Scope scope = observer.issuing(connection, observedName(method));
        try {
            ensureOpen(method);
            outbox.write(lines.request(method, -1, Params.from(args), false, scope.context()).toBuffer());
        } catch (RuntimeException e) {
            scope.end(RpcObserver.CallType.NOTIFY, outcomeOf(e), e);
            throw e;
        }
        scope.end(RpcObserver.CallType.NOTIFY, RpcObserver.Outcome.SUCCESS);
    }

    /** Pipes opened here and not ended. */
    int openPipes() {
        return openPipes.get();
    }

    private void send(long id, Pending waiter, String method, Params params, boolean pipeEnd,
            Map<String, String> context) {
        ensureOpen(method);
        ByteBuf line = lines.request(method, id, params, pipeEnd, context).toBuffer();
        try {
            calls.register(id, waiter, method);
        } catch (RuntimeException e) {
            line.release();
            throw e;
        }
        // listened to before the line can go: told on the I/O thread, never through a task of its own
        ChannelPromise written = outbox.newPromise();
        written.addListener(done -> {
            if (!done.isSuccess()) {
                calls.forget(id, waiter);
                waiter.fail(new ConnectionClosedException("Could not send '" + method + "' on connection "
                    + connection.id() + ": " + done.cause(), done.cause()));
            }
        });
        outbox.write(line, written);
    }

    private void ensureOpen(String method) {
        if (!connection.isOpen()) {
            throw new ConnectionClosedException("Cannot send '" + method + "': connection " + connection.id()
                + " is closed");
        }
    }

    /** {@code mylist_0001.add} is reported as {@code mylist.add}: never the per-object name. */
    static String observedName(String method) {
        int dot = method.indexOf('.');
        if (dot < 0) {
            return method;
        }
        int underscore = method.lastIndexOf('_', dot);
        return (underscore > 0 ? method.substring(0, underscore) : method.substring(0, dot)) + method.substring(dot);
    }

    /** What a request sent from here failed with, unwrapped; {@code null} when it did not fail. */
    static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** How a request sent from here ended: a cancellation, or anything unforeseen, is {@code CANCELLED}. */
    static RpcObserver.Outcome outcomeOf(Throwable failure) {
        Throwable cause = causeOf(failure);
        if (cause == null) {
            return RpcObserver.Outcome.SUCCESS;
        }
        if (cause instanceof RemoteError) {
            return RpcObserver.Outcome.REMOTE_ERROR;
        }
        if (cause instanceof CallTimeoutException) {
            return RpcObserver.Outcome.TIMEOUT;
        }
        if (cause instanceof ConnectionClosedException) {
            return RpcObserver.Outcome.CONNECTION_CLOSED;
        }
        return RpcObserver.Outcome.CANCELLED;
    }
}

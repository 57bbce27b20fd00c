package io.github.bjsonrpc.transport;

import java.io.OutputStream;
import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.ConnectionStats;
import io.github.bjsonrpc.FunctionReference;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.RemoteObject;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.dispatch.Dispatcher;
import io.github.bjsonrpc.dispatch.HandlerPool;
import io.github.bjsonrpc.dispatch.InboundQueue;
import io.github.bjsonrpc.dispatch.ObjectTable;
import io.github.bjsonrpc.dispatch.PeerWaits;
import io.github.bjsonrpc.dispatch.ReplySink;
import io.github.bjsonrpc.wire.Exporter;
import io.github.bjsonrpc.wire.Json;
import io.github.bjsonrpc.wire.JsonValues;
import io.github.bjsonrpc.wire.MessageReader;
import io.github.bjsonrpc.wire.MessageVisitor;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.ReplyMessage;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * A {@link Connection} over a Netty channel. Lines arrive on the channel's I/O thread: replies complete our
 * pending requests right there; requests go to the connection's {@link InboundQueue} and run on the handler
 * executor. Every write, from any thread, is one whole line encoded by the writing thread.
 */
public final class NettyConnection implements Connection, ReplySink, MessageVisitor {

    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final Role role;
    private final ConnectionOptions options;
    private final HandlerFactory handlerFactory;
    private final Executor executor;
    private final Instant openedAt = Instant.now();
    private final InboundQueue inbound;
    private final Dispatcher dispatcher;
    /** Numbers our requests, and the objects we export: one counter, as in the reference. */
    private final AtomicLong counter = new AtomicLong();
    private final ObjectTable objects;
    /** Writes values with this connection's exported objects named. */
    private final ObjectWriter values;
    /** Turns {@code {"__remoteobject__":NAME}} in untyped results into handles on this connection. */
    private final JsonValues.References remoteObjects = this::remoteObject;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final TrafficCounters traffic = new TrafficCounters();
    private final RpcObserver observer;
    private final ConnectionFilter filter;
    private final AtomicInteger openPipes = new AtomicInteger();
    /** Handler threads wait on it while the peer does not read (see ConnectionOptions.writeHighWaterMark). */
    private final Object writability = new Object();
    private volatile boolean admitted;
    /** Reading pauses while the peer's requests pile up, or while the peer does not read what we write. */
    private volatile boolean queueFull;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final java.util.Queue<Outgoing> outbox = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Runnable flush = this::flushNow;

    private final ConnectionListener listener;

    NettyConnection(Channel channel, Role role, ConnectionOptions options, HandlerFactory handlerFactory,
            ConnectionListener listener, RpcObserver observer, ConnectionFilter filter) {
        this.channel = channel;
        this.listener = listener;
        this.observer = observer;
        this.filter = filter;
        this.role = role;
        this.options = options;
        this.handlerFactory = handlerFactory;
        this.executor = HandlerPool.executorFor(options);
        this.inbound = new InboundQueue(this, executor, options.maxConcurrency());
        this.inbound.onLowWater(options.maxQueuedRequests() / 4, this::resumeReadingIfPaused);
        this.objects = new ObjectTable(counter::incrementAndGet, options.maxRemoteObjects(),
            () -> observer.limitReached(this, "remote-objects"));
        this.dispatcher = new Dispatcher(this, this, objects, observer);
        this.values = Json.MAPPER.writer().withAttribute(Exporter.class, objects);
    }

    // ---- lifecycle, on the I/O thread ----

    /** The channel is active: filter it (TLS once the handshake is done), then make its handler. */
    void start() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            admit();
        } else {
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    admit();
                }
            });
        }
    }

    private void admit() {
        boolean accepted;
        try {
            accepted = filter.accept(this);
        } catch (RuntimeException e) {
            log.warn("The connection filter failed for connection {} from {}; refusing it", id,
                channel.remoteAddress(), e);
            accepted = false;
        }
        if (!accepted) {
            observer.limitReached(this, "refused");
            channel.close();
            return;
        }
        admitted = true;
        notifyListener(true);
        inbound.open(() -> {
            try {
                dispatcher.init(handlerFactory);
            } catch (RuntimeException | Error e) {
                log.error("The handler factory failed for connection {} from {}; closing it", id,
                    channel.remoteAddress(), e);
                close();
            }
        });
    }

    /** The channel is gone: fail what waits, close the handler after the work in flight. */
    void closed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ConnectionClosedException failure = new ConnectionClosedException(
            "Connection " + id + " to " + channel.remoteAddress() + " closed");
        List<Pending> lost = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : lost) {
            p.fail(failure);
        }
        inbound.close(dispatcher::close);
        // lines still in the outbox meet the closed channel, which releases them and fails their promises
        channel.eventLoop().execute(flush);
        synchronized (writability) {
            writability.notifyAll();
        }
        closeFuture.complete(null);
        if (admitted) {
            notifyListener(false);
        }
    }

    /** The peer started or stopped reading: stop reading from it meanwhile, and let waiting writers go on. */
    void writabilityChanged() {
        boolean writable = channel.isWritable();
        updateAutoRead();
        if (writable) {
            synchronized (writability) {
                writability.notifyAll();
            }
        }
    }

    private void resumeReadingIfPaused() {
        if (queueFull) {
            queueFull = false;
            updateAutoRead();
        }
    }

    private void updateAutoRead() {
        channel.config().setAutoRead(channel.isWritable() && !queueFull);
    }

    /** An unexpected failure while reading: counted, and the connection closes. */
    void onInternalError() {
        dropped("internal-error");
    }

    /** Nothing was read or written for the idle timeout. */
    void onIdle() {
        observer.limitReached(this, "idle-timeout");
        close();
    }

    private void notifyListener(boolean opened) {
        try {
            if (opened) {
                listener.opened(this);
            } else {
                listener.closed(this);
            }
        } catch (RuntimeException e) {
            log.warn("Connection listener failed for connection {}", id, e);
        }
    }

    /**
     * Waits until none of the peer's requests is in flight (running, waiting on the peer, answering later) or waits
     * to start, at most until {@code deadline}.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @return whether the connection is idle
     * @throws InterruptedException if interrupted
     */
    public boolean awaitIdle(long deadline) throws InterruptedException {
        return inbound.awaitIdle(deadline);
    }

    /** The server shuts down: requests arriving from now on are refused (see {@link Dispatcher#turnedAway}). */
    public void refuseNewRequests() {
        dispatcher.refuseNewRequests();
    }

    /**
     * One line arrived.
     *
     * @param line the line, without {@code \n}
     */
    void onLine(ByteBuf line) {
        int length = line.readableBytes();
        traffic.bytesIn(length + 1);
        observer.bytesRead(this, length + 1);
        if (line.hasArray()) {
            MessageReader.read(line.array(), line.arrayOffset() + line.readerIndex(), length, this);
        } else {
            MessageReader.read(ByteBufUtil.getBytes(line), 0, length, this);
        }
    }

    /** The lines of one read are in: start running the requests they queued, with one hand-off. */
    void onReadComplete() {
        inbound.start();
    }

    /** A line longer than the limit was discarded. */
    void onLineTooLong() {
        dropped("too-long");
    }

    @Override
    public void request(RequestMessage request) {
        if (dispatcher.turnedAway(request)) {
            return;
        }
        int waiting = inbound.offer(() -> dispatcher.dispatch(request), options.maxQueuedRequests(), false);
        if (waiting >= 0) {
            if (waiting >= Math.max(1, options.maxQueuedRequests() / 2) && !queueFull) {
                // back-pressure: stop reading until the handler catches up; lines already read still count
                queueFull = true;
                updateAutoRead();
                if (inbound.queued() <= options.maxQueuedRequests() / 4) {
                    // the handler caught up before the pause took effect: nobody else would resume
                    resumeReadingIfPaused();
                }
            }
            return;
        }
        observer.limitReached(this, "queued-requests");
        if (!request.isNotification()) {
            String busy = "Server busy: " + options.maxQueuedRequests() + " requests of this connection are already "
                + "waiting; retry later";
            write(encode(gen -> MessageWriter.writeError(gen, values, request.id(), request.jsonRpc2(), busy,
                MessageWriter.SERVER_ERROR)));
        }
    }

    @Override
    public void reply(ReplyMessage reply) {
        JsonNode replyId = reply.id();
        Pending target = replyId != null && replyId.isIntegralNumber() && replyId.canConvertToLong()
            ? pending.get(replyId.longValue()) : null;
        if (target == null) {
            dropped("unknown-reply-id");
            return;
        }
        target.onReply(reply);
    }

    @Override
    public void unknownFormat(JsonNode requestId, boolean jsonRpc2) {
        RequestMessage standIn = new RequestMessage("", requestId, null, null, jsonRpc2, false);
        inbound.offer(() -> dispatcher.unknownFormat(standIn), Integer.MAX_VALUE, false);
    }

    @Override
    public void dropped(String reason) {
        traffic.dropped(reason);
        observer.rejected(this, reason);
        log.debug("Connection {}: dropped a line ({})", id, reason);
    }

    // ---- outbound requests ----

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        long requestId = counter.incrementAndGet();
        PendingRequest<T> request = new PendingRequest<>(this, requestId, method, resultType);
        RpcObserver.Scope scope = observer.issuing(this, observedName(method));
        if (scope != RpcObserver.Scope.NOOP) {
            request.future().whenComplete((value, failure) -> scope.end(RpcObserver.CallType.CALL,
                outcomeOf(failure)));
        }
        try {
            send(requestId, request, method, Params.from(args), false);
        } catch (RuntimeException e) {
            request.fail(e);
            throw e;
        }
        return request;
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        long requestId = counter.incrementAndGet();
        RpcObserver.Scope scope = observer.issuing(this, observedName(method));
        if (openPipes.incrementAndGet() > options.maxOpenPipes()) {
            openPipes.decrementAndGet();
            observer.limitReached(this, "open-pipes");
            throw new BjsonRpcException("Connection " + id + " already has " + options.maxOpenPipes()
                + " open pipes (maxOpenPipes): close some before opening '" + method + "'");
        }
        PendingPipe<T> pipe = new PendingPipe<>(this, requestId, method, elementType, failure -> {
            openPipes.decrementAndGet();
            scope.end(RpcObserver.CallType.PIPE, outcomeOf(failure));
        });
        try {
            send(requestId, pipe, method, Params.from(args), options.pipeEndMarker());
        } catch (RuntimeException e) {
            pipe.fail(e);
            throw e;
        }
        return pipe;
    }

    @Override
    public void notify(String method, Object... args) {
        RpcObserver.Scope scope = observer.issuing(this, observedName(method));
        try {
            ensureOpen(method);
            Params params = Params.from(args);
            write(encode(gen -> MessageWriter.writeRequest(gen, values, method, -1, params.positional(),
                params.keywords(), false)));
        } catch (RuntimeException e) {
            scope.end(RpcObserver.CallType.NOTIFY, outcomeOf(e));
            throw e;
        }
        scope.end(RpcObserver.CallType.NOTIFY, RpcObserver.Outcome.SUCCESS);
    }

    /** {@code mylist_0001.add} is reported as {@code mylist.add}: never the per-object name. */
    private static String observedName(String method) {
        int dot = method.indexOf('.');
        if (dot < 0) {
            return method;
        }
        int underscore = method.lastIndexOf('_', dot);
        return (underscore > 0 ? method.substring(0, underscore) : method.substring(0, dot)) + method.substring(dot);
    }

    private static RpcObserver.Outcome outcomeOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
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

    @Override
    public FunctionReference function(String method) {
        return new FunctionReference(method);
    }

    private void send(long requestId, Pending waiter, String method, Params params, boolean pipeEnd) {
        ensureOpen(method);
        if (pending.size() >= options.maxPendingRequests()) {
            observer.limitReached(this, "pending-requests");
            throw new BjsonRpcException("Connection " + id + " already has " + options.maxPendingRequests()
                + " requests waiting for replies (maxPendingRequests): wait for some before sending '" + method + "'");
        }
        ByteBuf line = encode(gen -> MessageWriter.writeRequest(gen, values, method, requestId, params.positional(),
            params.keywords(), pipeEnd));
        pending.put(requestId, waiter);
        if (closed.get() && pending.remove(requestId, waiter)) {
            line.release();
            throw closedFor(method);
        }
        write(line).addListener(done -> {
            if (!done.isSuccess() && pending.remove(requestId, waiter)) {
                waiter.fail(new ConnectionClosedException("Could not send '" + method + "' on connection " + id
                    + ": " + done.cause()));
            }
        });
    }

    private void ensureOpen(String method) {
        if (closed.get()) {
            throw closedFor(method);
        }
    }

    private ConnectionClosedException closedFor(String method) {
        return new ConnectionClosedException("Cannot send '" + method + "': connection " + id + " is closed");
    }

    void forget(long requestId, Pending waiter) {
        pending.remove(requestId, waiter);
    }

    RemoteError remoteError(ReplyMessage reply) {
        return new RemoteError(JsonValues.toJava(reply.error(), JsonValues.References.NONE));
    }

    <T> T convert(JsonNode result, Class<T> type, String method) {
        if (type == Object.class) {
            return type.cast(JsonValues.toJava(result, remoteObjects));
        }
        if (type == RemoteObject.class) {
            Object handle = remoteObject(result);
            if (handle == null && !result.isNull()) {
                throw new BjsonRpcException("The result of '" + method + "' is not a remote object: " + result);
            }
            return type.cast(handle);
        }
        if (type.isInstance(result)) {
            return type.cast(result);
        }
        try {
            return Json.MAPPER.treeToValue(result, type);
        } catch (JacksonException e) {
            throw new BjsonRpcException("Cannot convert the result of '" + method + "' to " + type.getName() + ": "
                + e.getOriginalMessage(), e);
        }
    }

    private RemoteObject remoteObject(JsonNode node) {
        JsonNode name = node.isObject() && node.size() == 1 ? node.get(Json.REMOTE_OBJECT) : null;
        return name != null && name.isString() ? new RemoteObject(this, name.stringValue()) : null;
    }

    // ---- waiting, on caller threads ----

    // every wait goes through PeerWaits: a handler of this connection gives its slot back while it waits

    <T> T await(CompletableFuture<T> future, Duration timeout, PendingRequest<T> request) {
        if (!future.isDone()) {
            try {
                PeerWaits.await(this, () -> future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                forget(request.id(), request);
                CallTimeoutException timedOut = new CallTimeoutException("No reply to '" + request.method() + "' #"
                    + request.id() + " on connection " + id + " within " + timeout);
                request.fail(timedOut);
                throw timedOut;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BjsonRpcException("Interrupted while waiting for '" + request.method() + "'", e);
            } catch (ExecutionException e) {
                // reported below
            }
        }
        try {
            return future.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw rethrowable(e.getCause());
        }
    }

    void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
        if (future.isDone()) {
            return;
        }
        try {
            PeerWaits.await(this, () -> future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the caller looks at isDone()
        }
    }

    /** The next item, waiting at most the call timeout; {@code null} if none came in time. */
    Object take(BlockingQueue<Object> items) {
        Object item = items.poll();
        if (item != null) {
            return item;
        }
        try {
            return PeerWaits.await(this, () -> items.poll(options.callTimeout().toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BjsonRpcException("Interrupted while waiting for a pipe element", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new BjsonRpcException(String.valueOf(failure.getMessage()), failure);
    }

    // ---- replies, on handler threads ----

    @Override
    public void result(RequestMessage request, Object value) {
        write(encode(gen -> MessageWriter.writeResult(gen, values, request, value)));
    }

    @Override
    public void error(RequestMessage request, String message, int code) {
        write(encode(gen -> MessageWriter.writeError(gen, values, request.id(), request.jsonRpc2(), message, code)));
    }

    @Override
    public void pipeEnd(RequestMessage request) {
        write(encode(gen -> MessageWriter.writePipeEnd(gen, values, request)));
    }

    // ---- writing ----

    private ByteBuf encode(Consumer<JsonGenerator> body) {
        ByteBuf buffer = channel.alloc().buffer();
        try {
            try (JsonGenerator gen = values.createGenerator((OutputStream) new ByteBufOutputStream(buffer))) {
                body.accept(gen);
            }
            buffer.writeByte('\n');
            return buffer;
        } catch (RuntimeException | Error e) {
            buffer.release();
            throw e;
        }
    }

    private ChannelFuture write(ByteBuf line) {
        awaitWritable();
        int bytes = line.readableBytes();
        traffic.bytesOut(bytes);
        observer.bytesWritten(this, bytes);
        if (channel.eventLoop().inEventLoop()) {
            return channel.writeAndFlush(line);
        }
        // lines written from other threads meanwhile go out in one I/O-thread task, with one flush
        ChannelPromise written = channel.newPromise();
        outbox.add(new Outgoing(line, written));
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
        return written;
    }

    /** A line waiting in the outbox, and the promise its writer holds. */
    private record Outgoing(ByteBuf line, ChannelPromise promise) {
    }

    private void flushNow() {
        // cleared first: a line added from now on schedules another run, so none is left behind
        flushScheduled.set(false);
        Outgoing next;
        boolean wrote = false;
        while ((next = outbox.poll()) != null) {
            channel.write(next.line(), next.promise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    /** Off the I/O threads, waits while the peer does not read: back-pressure on handlers and callers. */
    private void awaitWritable() {
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        synchronized (writability) {
            while (!channel.isWritable() && channel.isActive()) {
                try {
                    writability.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- Connection ----

    @Override
    public long id() {
        return id;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public Optional<Principal> principal() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(tls.engine().getSession().getPeerPrincipal());
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public Object handler() {
        return dispatcher.handler();
    }

    @Override
    public ConnectionOptions options() {
        return options;
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && channel.isActive();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public void close() {
        channel.close();
    }

    Executor executor() {
        return executor;
    }

    @Override
    public ConnectionStats stats() {
        return new ConnectionStats(traffic.bytesIn(), traffic.bytesOut(), inbound.inFlight(), inbound.queued(),
            pending.size(), openPipes.get(), objects.names(), traffic.dropped());
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + role + " " + channel.remoteAddress() + "]";
    }
}

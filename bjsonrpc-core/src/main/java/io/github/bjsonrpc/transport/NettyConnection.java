package io.github.bjsonrpc.transport;

import java.net.SocketAddress;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.ConnectionStats;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.dispatch.Dispatcher;
import io.github.bjsonrpc.dispatch.HandlerPool;
import io.github.bjsonrpc.dispatch.InboundQueue;
import io.github.bjsonrpc.dispatch.ObjectTable;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Connection} over a Netty channel: the facade over the parts that do the work. The channel's pipeline
 * admits the connection ({@link AdmissionHandler}), turns lines into messages ({@link MessageDecoder}) and routes
 * them ({@link InboundRouter}): replies to {@link PendingCalls}, the peer's requests to the {@link InboundQueue},
 * where the {@link Dispatcher} runs them on the handler executor. Everything written goes through the
 * {@link Outbox}; whether the channel reads is decided by the {@link ReadThrottle}.
 */
final class NettyConnection implements Connection {

    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final Role role;
    private final ConnectionOptions options;
    private final HandlerFactory handlerFactory;
    private final ConnectionListener listener;
    private final Executor executor;
    private final Instant openedAt = Instant.now();
    private final TrafficCounters traffic;
    private final ObjectTable objects;
    private final PendingCalls calls;
    private final Outbox outbox;
    private final InboundQueue inbound;
    private final ReadThrottle throttle;
    private final ReplyWriter replies;
    private final Dispatcher dispatcher;
    private final OutboundCalls verbs;
    private final IssuedInterception interception;
    private final CompletableFuture<Void> admission = new CompletableFuture<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>(4);
    private volatile boolean closing;
    private volatile boolean admitted;

    NettyConnection(Channel channel, Role role, ConnectionOptions options, JsonMapper values,
            HandlerFactory handlerFactory, ConnectionListener listener, RpcObserver observer) {
        this.channel = channel;
        this.role = role;
        this.options = options;
        this.handlerFactory = handlerFactory;
        this.listener = listener;
        this.executor = HandlerPool.executorFor(options);
        this.traffic = new TrafficCounters(this, observer);
        // numbers our requests and the objects we export: one counter, as in the reference
        AtomicLong counter = new AtomicLong();
        this.objects = new ObjectTable(counter::incrementAndGet, options.maxRemoteObjects(),
            () -> traffic.limitReached("remote-objects"));
        this.calls = new PendingCalls(this, values, counter::incrementAndGet, options.maxPendingRequests(),
            options.callTimeout(), traffic);
        LineEncoder lines = new LineEncoder(channel.alloc(), objects, values);
        this.outbox = new Outbox(channel, lines, options.writeHighWaterMark(), traffic);
        this.inbound = new InboundQueue(this, executor, channel.eventLoop(), options.maxConcurrency());
        this.throttle = new ReadThrottle(channel, options, inbound::queued, traffic);
        this.inbound.onLowWater(throttle.resumeAt(), throttle::relieved);
        this.inbound.onPause(outbox::flushDeferred);
        this.replies = new ReplyWriter(this, lines, outbox, this::isOpen);
        this.dispatcher = new Dispatcher(this, replies, objects, observer, values);
        this.verbs = new OutboundCalls(this, calls, lines, outbox, throttle, observer, traffic);
        this.interception = IssuedInterception.of(this, verbs);
    }

    /** The stage that routes what the peer sends, for this connection's pipeline. */
    InboundRouter router() {
        return new InboundRouter(inbound, dispatcher, calls, throttle, replies, outbox, traffic, options);
    }

    TrafficCounters traffic() {
        return traffic;
    }

    /** The channel the connection runs on. */
    Channel channel() {
        return channel;
    }

    Outbox outbox() {
        return outbox;
    }

    Executor executor() {
        return executor;
    }

    // ---- lifecycle, on the I/O thread ----

    /** Admitted: the listener is told, and the handler is made as the connection's first task. */
    void admitted() {
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
        admission.complete(null);
    }

    /** Not admitted: the TLS handshake failed, or the filter refused. */
    void refused(Throwable why) {
        admission.completeExceptionally(why);
    }

    /** Completes once admitted; fails if refused or closed first. */
    CompletableFuture<Void> admission() {
        return admission;
    }

    /** The channel is gone: fail what waits, close the handler after the work in flight. */
    void closed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ConnectionClosedException failure = new ConnectionClosedException(
            "Connection " + id + " to " + channel.remoteAddress() + " closed");
        calls.failAll(failure);
        inbound.close(dispatcher::close);
        outbox.closed();
        admission.completeExceptionally(failure);
        closeFuture.complete(null);
        if (admitted) {
            notifyListener(false);
        }
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
    boolean awaitIdle(long deadline) throws InterruptedException {
        return inbound.awaitIdle(deadline);
    }

    /** The server shuts down: requests arriving from now on are refused (see {@link Dispatcher#turnedAway}). */
    void refuseNewRequests() {
        dispatcher.refuseNewRequests();
    }

    // ---- Connection ----

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        return interception == null ? verbs.method(resultType, method, args)
            : interception.method(resultType, method, args);
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        return interception == null ? verbs.pipe(elementType, method, args)
            : interception.pipe(elementType, method, args);
    }

    @Override
    public void notify(String method, Object... args) {
        if (interception == null) {
            verbs.notify(method, args);
        } else {
            interception.notify(method, args);
        }
    }

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
    public ConcurrentMap<String, Object> attributes() {
        return attributes;
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
        return !closing && !closed.get() && channel.isActive();
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public void close() {
        closing = true;
        channel.close();
    }

    @Override
    public ConnectionStats stats() {
        return new ConnectionStats(traffic.bytesIn(), traffic.bytesOut(), inbound.inFlight(), inbound.queued(),
            calls.size(), verbs.openPipes(), objects.names(), traffic.dropped(), throttle.bufferedElements(),
            throttle.bufferedBytes(), throttle.isPaused());
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + role + " " + channel.remoteAddress() + "]";
    }
}

package io.github.bjsonrpc.transport;

import java.util.Map;

import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.dispatch.Dispatcher;
import io.github.bjsonrpc.dispatch.InboundQueue;
import io.github.bjsonrpc.wire.RequestMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import tools.jackson.databind.JsonNode;

/**
 * A pipeline stage: replies go to the requests of ours they answer, and every line that needs running or a reply
 * (requests, notifications, objects answered {@code Unknown format}) to the connection's {@link InboundQueue},
 * within {@code maxQueuedRequests}. What it queues and buffers tells the {@link ReadThrottle}, which pauses
 * reading under that pressure. The requests of one read start together, when the read is complete.
 *
 * <p>A request for an {@linkplain io.github.bjsonrpc.Inline inline} method runs here, on the I/O thread, as it is
 * read, if it can start at once and the peer reads its replies (the outbox is under its high-water mark); otherwise
 * it is queued as any other. While it runs here the {@link InlineWatchdog} watches it.
 */
final class InboundRouter extends ChannelInboundHandlerAdapter {

    private final InboundQueue inbound;
    private final Dispatcher dispatcher;
    private final PendingCalls calls;
    private final ReadThrottle throttle;
    private final ReplyWriter replies;
    private final Outbox outbox;
    private final TrafficCounters traffic;
    private final int maxQueued;
    private final long inlineLimitNanos;
    /** The watch of this channel's I/O thread, once an inline call ran. */
    private InlineWatch watch;

    InboundRouter(InboundQueue inbound, Dispatcher dispatcher, PendingCalls calls, ReadThrottle throttle,
            ReplyWriter replies, Outbox outbox, TrafficCounters traffic, ConnectionOptions options) {
        this.inbound = inbound;
        this.dispatcher = dispatcher;
        this.calls = calls;
        this.throttle = throttle;
        this.replies = replies;
        this.outbox = outbox;
        this.traffic = traffic;
        this.maxQueued = options.maxQueuedRequests();
        this.inlineLimitNanos = options.inlineTimeLimit().toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DecodedReply reply) {
            calls.onReply(reply.message(), reply.bytes());
        } else if (msg instanceof RequestMessage request) {
            if (dispatcher.turnedAway(request)) {
                return;
            }
            Runnable work = () -> dispatcher.dispatch(request);
            if (dispatcher.runsInline(request) && outbox.isWritable() && runHere(request, work)) {
                return;
            }
            enqueue(work, request.id(), request.jsonRpc2());
        } else if (msg instanceof UnknownFormat unknown) {
            RequestMessage standIn = new RequestMessage("", unknown.id(), null, null, unknown.jsonRpc2(), false,
                Map.of());
            enqueue(() -> dispatcher.unknownFormat(standIn), unknown.id(), unknown.jsonRpc2());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inbound.start();
        ctx.fireChannelReadComplete();
    }

    /** Runs an inline request here and now, watched, if it can start now. */
    private boolean runHere(RequestMessage request, Runnable work) {
        if (watch == null) {
            watch = InlineWatchdog.ofCurrentThread();
        }
        boolean watched = watch.begin(request.method(), traffic, inlineLimitNanos);
        try {
            return inbound.runHere(work);
        } finally {
            if (watched) {
                watch.end();
            }
        }
    }

    /** Queues the work of one line; over the limit, a line that needs a reply is answered busy. */
    private void enqueue(Runnable work, JsonNode id, boolean jsonRpc2) {
        int waiting = inbound.offer(work, maxQueued, false);
        if (waiting >= 0) {
            throttle.queued(waiting);
            return;
        }
        traffic.limitReached("queued-requests");
        if (id != null) {
            replies.busy(id, jsonRpc2, maxQueued);
        }
    }
}

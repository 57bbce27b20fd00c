package io.github.bjsonrpc.transport;

import java.util.concurrent.TimeUnit;

import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.wire.Json;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * One pipeline for both roles, each stage one job: TLS, flushes, idleness, admission (then gone), lines into
 * messages, routing, the channel's own events. The flushes of one read (the replies of the inline calls it carried)
 * go out as one, when the read is complete; a flush outside a read goes out at once.
 */
final class Pipelines {

    private Pipelines() {
    }

    /**
     * What every connection of one endpoint is made with.
     *
     * @param values converts the connections' values: the options' mapper made ready once for all of them
     */
    record Endpoint(HandlerFactory handlerFactory, ConnectionOptions options, ConnectionListener listener,
            RpcObserver observer, ConnectionFilter filter, ConnectionRegistry registry, JsonMapper values) {

        Endpoint(HandlerFactory handlerFactory, ConnectionOptions options, ConnectionListener listener,
                RpcObserver observer, ConnectionFilter filter, ConnectionRegistry registry) {
            this(handlerFactory, options, listener, observer, filter, registry, Json.valueMapper(options.jsonMapper()));
        }
    }

    /**
     * Makes the connection of a new channel and its pipeline; on the channel's I/O thread.
     *
     * @param channel the channel, registered and not yet active
     * @param role which side dialled
     * @param endpoint what the connection is made with; its registry is {@code null} for an initiated one
     * @param tls the TLS stage, or {@code null} for plain TCP
     * @return the connection
     */
    static NettyConnection install(Channel channel, Role role, Endpoint endpoint, SslHandler tls) {
        ConnectionOptions options = endpoint.options();
        RpcObserver observer = GuardedObserver.of(endpoint.observer());
        NettyConnection connection = new NettyConnection(channel, role, options, endpoint.values(),
            endpoint.handlerFactory(), endpoint.listener(), observer);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(options.writeHighWaterMark() / 2,
            options.writeHighWaterMark()));
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast("tls", tls);
        }
        pipeline.addLast("flushes", new FlushConsolidationHandler(
            FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
        if (!options.idleTimeout().isZero()) {
            pipeline.addLast("idle", new IdleStateHandler(0, 0, options.idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
        }
        pipeline.addLast("admission", new AdmissionHandler(connection, endpoint.filter(), endpoint.registry(),
            observer))
            .addLast("messages", new MessageDecoder(options.maxLineLength(), connection.traffic()))
            .addLast("router", connection.router())
            .addLast("lifecycle", new LifecycleHandler(connection));
        return connection;
    }
}

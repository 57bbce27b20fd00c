package io.github.bjsonrpc.benchmarks;

import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client floor: the least a client needs on the same stack. Requests are encoded with Jackson 3 and written
 * by Netty; replies are parsed on the I/O thread and complete a future found by id.
 */
final class MinimalClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, BenchSockets.ioHandlers());
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Channel channel;

    MinimalClient(int port) throws InterruptedException {
        channel = new Bootstrap().group(group).channel(BenchSockets.socket())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new LineBasedFrameDecoder(8 * 1024 * 1024),
                        new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf line = (ByteBuf) msg;
                            JsonNode reply;
                            try {
                                reply = JSON.readTree(ByteBufUtil.getBytes(line));
                            } finally {
                                line.release();
                            }
                            CompletableFuture<JsonNode> waiter = pending.remove(reply.get("id").longValue());
                            if (waiter != null) {
                                waiter.complete(reply.get("result"));
                            }
                        }
                    });
                }
            })
            .connect("127.0.0.1", port).sync().channel();
    }

    CompletableFuture<JsonNode> call(String method, Object argument) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ByteBuf out = channel.alloc().buffer();
        try (JsonGenerator gen = JSON.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
            gen.writeStartObject();
            gen.writeStringProperty("method", method);
            gen.writeNumberProperty("id", id);
            gen.writeName("params");
            gen.writeStartArray();
            JSON.writeValue(gen, argument);
            gen.writeEndArray();
            gen.writeEndObject();
        }
        out.writeByte('\n');
        channel.writeAndFlush(out);
        return reply;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully();
    }
}

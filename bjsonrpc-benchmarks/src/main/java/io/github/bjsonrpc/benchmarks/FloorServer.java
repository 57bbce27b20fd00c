package io.github.bjsonrpc.benchmarks;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bjsonrpc.benchmarks.contract.HeapProbe;
import io.netty.bootstrap.ServerBootstrap;
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
 * The floor: the least a server needs to speak the same protocol on the same stack. Netty frames lines, Jackson 3
 * parses and writes them, and each read batch hops once to a worker pool, serially per connection (what our
 * threading model costs at minimum). No dispatch tables, no binding, no limits: a switch on the method name.
 */
public final class FloorServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, BenchSockets.ioHandlers());
    private final ExecutorService workers = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()));
    private final Channel channel;

    /**
     * Binds on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @throws InterruptedException if interrupted while binding
     */
    public FloorServer(int port) throws InterruptedException {
        channel = new ServerBootstrap().group(group).channel(BenchSockets.server())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new LineBasedFrameDecoder(8 * 1024 * 1024), new Handler(workers));
                }
            })
            .bind("127.0.0.1", port).sync().channel();
    }

    /** The bound port. */
    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully();
        workers.shutdownNow();
    }

    /** One connection: collects a read batch, then runs it on the worker pool, in order. */
    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final ExecutorService workers;
        private final Queue<List<byte[]>> batches = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private List<byte[]> batch = new ArrayList<>();
        private long ticks;

        Handler(ExecutorService workers) {
            this.workers = workers;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf line = (ByteBuf) msg;
            try {
                batch.add(ByteBufUtil.getBytes(line));
            } finally {
                line.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (batch.isEmpty()) {
                return;
            }
            batches.add(batch);
            batch = new ArrayList<>();
            if (draining.compareAndSet(false, true)) {
                workers.execute(() -> drain(ctx));
            }
        }

        private void drain(ChannelHandlerContext ctx) {
            while (true) {
                List<byte[]> lines;
                while ((lines = batches.poll()) != null) {
                    for (byte[] line : lines) {
                        handle(ctx, line);
                    }
                    ctx.flush();
                }
                draining.set(false);
                if (batches.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void handle(ChannelHandlerContext ctx, byte[] line) {
            JsonNode request = JSON.readTree(line);
            JsonNode id = request.get("id");
            Object result;
            switch (request.get("method").asString()) {
                case "echo" -> result = request.get("params").get(0);
                case "ping" -> result = "pong";
                case "tick" -> {
                    ticks++;
                    return;
                }
                case "count" -> result = ticks;
                case "memory" -> result = HeapProbe.usedAfterGc();
                default -> result = null;
            }
            if (id == null) {
                return;
            }
            ByteBuf out = ctx.alloc().buffer();
            try (JsonGenerator gen = JSON.createGenerator((OutputStream) new ByteBufOutputStream(out))) {
                gen.writeStartObject();
                gen.writeName("result");
                JSON.writeValue(gen, result);
                gen.writeNullProperty("error");
                gen.writeName("id");
                JSON.writeValue(gen, id);
                gen.writeEndObject();
            }
            out.writeByte('\n');
            ctx.write(out);
        }
    }
}

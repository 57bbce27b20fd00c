package io.github.bjsonrpc.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;

/**
 * The gRPC-java anchor: {@link GrpcEcho} served by grpc-netty on 127.0.0.1, either with {@code directExecutor()}
 * (handlers run on the event loop) or with gRPC's default executor (a hop to its cached thread pool per call).
 */
final class GrpcEchoServer implements AutoCloseable {

    private final Server server;

    /**
     * @param direct whether handlers run on the event loop
     * @throws IOException if it cannot bind
     */
    GrpcEchoServer(boolean direct) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
            .addMethod(GrpcEcho.METHOD, ServerCalls.asyncUnaryCall((request, response) -> {
                response.onNext(GrpcEcho.answer(request));
                response.onCompleted();
            }))
            .build();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service);
        if (direct) {
            builder.directExecutor();
        }
        server = builder.build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.shutdown().awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

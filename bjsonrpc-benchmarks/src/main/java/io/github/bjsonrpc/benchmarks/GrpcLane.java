package io.github.bjsonrpc.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import tools.jackson.databind.JsonNode;

/**
 * One gRPC connection of a load measurement: a channel of its own, its calls made with the asynchronous stub and
 * answered on the channel's event loop ({@code directExecutor()}), where each reply sends the next call. So the
 * load client adds no thread hop to gRPC's latency, as the line client's blocking read adds none to ours.
 */
final class GrpcLane implements Lane {

    private final ManagedChannel channel;
    private MeasuringWindow.Recorder recorder;
    private boolean stopped;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile CountDownLatch drained;

    GrpcLane(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
    }

    @Override
    public void firstCall() {
        JsonNode response = ClientCalls.blockingUnaryCall(channel, GrpcEcho.METHOD, CallOptions.DEFAULT,
            GrpcEcho.REQUEST);
        if (!GrpcEcho.isEcho(response)) {
            throw new IllegalStateException("not an echo: " + response);
        }
    }

    @Override
    public void run(int window, MeasuringWindow.Recorder recorder) throws InterruptedException {
        synchronized (this) {
            this.recorder = recorder;
            this.stopped = false;
        }
        drained = new CountDownLatch(1);
        // counted before the first call goes out, so that early replies cannot bring it to zero
        inFlight.set(window);
        for (int i = 0; i < window; i++) {
            call();
        }
        drained.await();
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a gRPC echo failed", failed);
        }
    }

    private void call() {
        long sent = System.nanoTime();
        ClientCalls.asyncUnaryCall(channel.newCall(GrpcEcho.METHOD, CallOptions.DEFAULT), GrpcEcho.REQUEST,
            new StreamObserver<JsonNode>() {
                @Override
                public void onNext(JsonNode response) {
                    if (!GrpcEcho.isEcho(response)) {
                        failure.compareAndSet(null, new IllegalStateException("not an echo: " + response));
                    }
                }

                @Override
                public void onError(Throwable error) {
                    failure.compareAndSet(null, error);
                    replied(sent);
                }

                @Override
                public void onCompleted() {
                    replied(sent);
                }
            });
    }

    /** One call is over: another replaces it while the recorder wants more, else the lane drains. */
    private void replied(long sent) {
        boolean more;
        synchronized (this) {
            more = !stopped && failure.get() == null && recorder.reply(sent);
            stopped = !more;
        }
        if (more) {
            call();
        } else if (inFlight.decrementAndGet() == 0) {
            drained.countDown();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.StallingHandler;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/** The edges of a connection's life: races with close, cancelled futures, misbehaving observers and subscribers. */
class ConnectionEdgesTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "connection-edges");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** Released when the test ends: what stalls, returns then. */
    private final CountDownLatch release = new CountDownLatch(1);

    /** Counts the limits reached. */
    static final class Limits implements RpcObserver {
        final List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void limitReached(Connection connection, String limit) {
            reached.add(limit);
        }
    }

    private BjsonRpcServer server() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0,
            c -> new StallingHandler(release),
            ConnectionOptions.builder().maxConcurrency(4).build()));
        cleanup.track(release::countDown);
        return server;
    }

    @Test
    void everyRequestRacingCloseIsFailed() throws Exception {
        BjsonRpcServer server = server();
        for (int round = 0; round < 10; round++) {
            Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
            ConcurrentLinkedQueue<Request<Object>> sent = new ConcurrentLinkedQueue<>();
            AtomicInteger count = new AtomicInteger();
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(CompletableFuture.runAsync(() -> {
                    while (true) {
                        try {
                            sent.add(client.method("stall"));
                        } catch (ConnectionClosedException expected) {
                            // the connection closed under the sender: that is the race
                            return;
                        } catch (BjsonRpcException tooMany) {
                            // maxPendingRequests, until the close is seen
                            continue;
                        }
                        if (count.incrementAndGet() == 2_000) {
                            // close while the other senders are still sending
                            client.close();
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().allMatch(Request::isDone));
            assertThat(client.stats().pendingRequests()).isZero();
        }
    }

    @Test
    void aCallWhoseArgumentCannotBeWrittenFailsAndTheCallersNextLinesGoOutWhole() {
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server().port(), HandlerFactory.NONE));
        assertThat(client.call("ping")).isEqualTo("pong");

        // a bean without properties: the wire cannot write it, and fails halfway through the line
        assertThatThrownBy(() -> client.call("ping", new Object())).hasMessageContaining("Object");
        assertThatThrownBy(() -> client.notify("ping", "first", new Object())).hasMessageContaining("Object");

        assertThat(client.stats().pendingRequests()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(client.call("ping")).isEqualTo("pong");
        }
    }

    @Test
    void cancellingARequestsFutureForgetsTheRequest() {
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server().port(), HandlerFactory.NONE));
        Request<Object> stalled = client.method("stall");
        CompletableFuture<Object> future = stalled.toCompletableFuture();
        assertThat(client.stats().pendingRequests()).isEqualTo(1);

        assertThat(future.cancel(true)).isTrue();

        assertThat(client.stats().pendingRequests()).isZero();
        assertThat(stalled.isDone()).isTrue();
        assertThatThrownBy(stalled::value).isInstanceOf(CancellationException.class);
        assertThat(client.call("ping")).isEqualTo("pong");
    }

    @Test
    void maxConnectionsIsExactWhenConnectionsArriveTogether() throws Exception {
        for (int round = 0; round < 5; round++) {
            maxConnectionsIsExact();
        }
    }

    private void maxConnectionsIsExact() throws Exception {
        Limits limits = new Limits();
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new StallingHandler(release)).maxConnections(5).addObserver(limits).start());
        int attempts = 60;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Connection>> connecting = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            connecting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE);
            }, threads));
        }
        go.countDown();
        for (CompletableFuture<Connection> attempt : connecting) {
            cleanup.track(attempt.get(30, TimeUnit.SECONDS));
        }

        await().atMost(Duration.ofSeconds(30))
            .until(() -> limits.reached.size() + server.connections().size() >= attempts);
        assertThat(server.connections()).hasSize(5);
        assertThat(limits.reached).hasSize(attempts - 5).containsOnly("connections");
    }

    @Test
    void anObserverThatThrowsLosesNothing() {
        RpcObserver throwing = new RpcObserver() {
            @Override
            public void bytesWritten(Connection connection, long bytes) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void bytesRead(Connection connection, long bytes) {
                throw new IllegalStateException("observer bug");
            }
        };
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new StallingHandler(release)).addObserver(throwing).start());
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port())
            .addObserver(throwing).build());
        var direct = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        String megabyte = "x".repeat(1024 * 1024);
        assertThat(client.call("echo", "warm-up")).isEqualTo("warm-up");
        long before = direct.usedDirectMemory();

        for (int i = 0; i < 300; i++) {
            assertThat(client.call(String.class, "echo", megabyte)).hasSize(megabyte.length());
        }

        // 300 lines of 1 MiB written both ways: a leaked buffer per line would hold 600 MiB
        assertThat(direct.usedDirectMemory() - before).isLessThan(128L * 1024 * 1024);
    }

    @Test
    void aSubscriberThatThrowsIsCancelledWithItsErrorAndTheConnectionGoesOn() throws Exception {
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server().port(), HandlerFactory.NONE,
            ConnectionOptions.builder().pipeEndMarker(true).build()));
        Pipe<Integer> pipe = client.pipe(Integer.class, "pipe", java.util.stream.IntStream.range(0, 100).boxed()
            .toList());
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        AtomicInteger seen = new AtomicInteger();
        pipe.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                if (seen.incrementAndGet() == 3) {
                    throw new IllegalStateException("subscriber bug");
                }
            }

            @Override
            public void onError(Throwable failure) {
                failed.complete(failure);
            }

            @Override
            public void onComplete() {
                failed.complete(null);
            }
        });

        assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
            .hasMessage("subscriber bug");
        assertThat(seen).hasValue(3);
        await().atMost(Duration.ofSeconds(5)).until(pipe::isClosed);
        assertThat(client.call("ping")).isEqualTo("pong");
        assertThat(client.pipe(Integer.class, "pipe", List.of(1, 2)).stream().toList()).containsExactly(1, 2);
        assertThat(client.stats().openPipes()).isZero();
    }
}

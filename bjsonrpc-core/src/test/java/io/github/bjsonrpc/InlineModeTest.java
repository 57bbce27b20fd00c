package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/**
 * Inline methods ({@link Inline}, {@link ConnectionOptions#inlineMethods()}) run on the connection's event loop with
 * no hand-off to the handler executor, and the connection's guarantees hold: opening first, arrival order, the
 * concurrency limit, back-pressure from a peer that does not read, graceful shutdown.
 */
class InlineModeTest {

    private static final String IO_THREAD = "bjsonrpc-io";

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
        callers.shutdownNow();
    }

    /** The handler executor, counting what it is given. */
    private final class CountingExecutor implements Executor {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            pool.execute(task);
        }
    }

    /** Records where and in which order its methods ran. */
    public static class Recorder {
        public String ping() {
            return "pong";
        }

        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<String> stage = new CompletableFuture<>();

        @Inline
        public String fast(int n) {
            threads.add(Thread.currentThread().getName());
            order.add(n);
            return "fast " + n;
        }

        public String slow(int n) {
            threads.add(Thread.currentThread().getName());
            order.add(n);
            return "slow " + n;
        }

        @Inline
        public CompletableFuture<String> later() {
            threads.add(Thread.currentThread().getName());
            return stage;
        }

        @Inline
        public Stream<Integer> range(int count) {
            return IntStream.range(0, count).boxed();
        }

        @Inline
        public String echo(String text) {
            return text;
        }
    }

    /** Inline as a class, but for one method. */
    @Inline
    public static class InlineClass {
        public String where() {
            return Thread.currentThread().getName();
        }

        @Inline(false)
        public String blocking() {
            return Thread.currentThread().getName();
        }
    }

    /** No annotation: the options decide. */
    public static class Plain {
        public String first() {
            return Thread.currentThread().getName();
        }

        public String second() {
            return Thread.currentThread().getName();
        }
    }

    private BjsonRpcServer server(HandlerFactory factory, ConnectionOptions options) {
        return cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(factory).options(options).start());
    }

    /**
     * A client whose first call has been answered and is over: the server's handler is made and no request holds
     * the slot, so that the inline calls of the test start at once (a request that arrives while another still
     * holds the slot, even one just answered, waits its turn on the executor).
     */
    private Connection client(BjsonRpcServer server, String firstCall) {
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.defaults().withPipeEndMarker(true)));
        client.call(firstCall);
        awaitIdle(server);
        return client;
    }

    static void awaitIdle(BjsonRpcServer server) {
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().stream()
            .allMatch(accepted -> accepted.stats().inFlightRequests() == 0));
    }

    private Connection client(BjsonRpcServer server) {
        return client(server, "ping");
    }

    @Test
    void anInlineCallIsAnsweredOnTheEventLoopWithoutTheHandlerExecutor() {
        Recorder handler = new Recorder();
        CountingExecutor executor = new CountingExecutor();
        BjsonRpcServer server = server(c -> handler, ConnectionOptions.defaults().withExecutor(executor));
        Connection client = client(server);
        int before = executor.tasks.get();

        for (int i = 0; i < 100; i++) {
            assertThat(client.call(String.class, "fast", i)).isEqualTo("fast " + i);
        }

        assertThat(executor.tasks).hasValue(before);
        assertThat(handler.threads).hasSize(100).allMatch(name -> name.startsWith(IO_THREAD));
        assertThat(client.call(String.class, "slow", 100)).isEqualTo("slow 100");
        assertThat(executor.tasks).hasValue(before + 1);
        assertThat(handler.threads.get(100)).doesNotStartWith(IO_THREAD);
    }

    @Test
    void theAnnotationOnAClassOrMethodAndTheOptionsChooseTheInlineMethods() {
        BjsonRpcServer annotated = server(c -> new InlineClass(), ConnectionOptions.defaults().withExecutor(pool));
        Connection toAnnotated = client(annotated, "where");
        assertThat(toAnnotated.call(String.class, "where")).startsWith(IO_THREAD);
        assertThat(toAnnotated.call(String.class, "blocking")).doesNotStartWith(IO_THREAD);

        BjsonRpcServer named = server(c -> new Plain(), ConnectionOptions.defaults().withExecutor(pool)
            .withInlineMethods("second"));
        Connection toNamed = client(named, "first");
        assertThat(toNamed.call(String.class, "first")).doesNotStartWith(IO_THREAD);
        assertThat(toNamed.call(String.class, "second")).startsWith(IO_THREAD);

        // every method, but where an annotation says otherwise
        BjsonRpcServer all = server(c -> HandlerGroup.of(new Plain(), new InlineClass()),
            ConnectionOptions.defaults().withExecutor(pool).withInlineMethods(ConnectionOptions.ALL_METHODS));
        Connection toAll = client(all, "first");
        assertThat(toAll.call(String.class, "first")).startsWith(IO_THREAD);
        assertThat(toAll.call(String.class, "where")).startsWith(IO_THREAD);
        assertThat(toAll.call(String.class, "blocking")).doesNotStartWith(IO_THREAD);
    }

    @Test
    void inlineAndExecutorRequestsStartInArrivalOrderAndAreAnsweredInIt() {
        Recorder handler = new Recorder();
        BjsonRpcServer server = server(c -> handler, ConnectionOptions.defaults().withExecutor(pool));
        int count = 400;
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"fast\",\"params\":[-1],\"id\":-1}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"fast -1\",\"error\":null,\"id\":-1}");
            handler.order.clear();
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < count; i++) {
                // runs of inline calls between calls for the executor, all in one write
                String method = i % 5 == 4 ? "slow" : "fast";
                lines.append("{\"method\":\"").append(method).append("\",\"params\":[").append(i).append("],\"id\":")
                    .append(i).append("}\n");
            }
            peer.writeRaw(lines.toString());
            for (int i = 0; i < count; i++) {
                String method = i % 5 == 4 ? "slow" : "fast";
                assertThat(peer.readLine()).isEqualTo("{\"result\":\"" + method + " " + i + "\",\"error\":null,\"id\":"
                    + i + "}");
            }
        }
        assertThat(handler.order).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    }

    @Test
    void requestsArrivingWhileTheHandlerIsMadeWaitForIt() throws Exception {
        CountDownLatch made = new CountDownLatch(1);
        Recorder handler = new Recorder();
        BjsonRpcServer server = server(c -> {
            try {
                made.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return handler;
        }, ConnectionOptions.defaults().withExecutor(pool).withInlineMethods(ConnectionOptions.ALL_METHODS));
        cleanup.track(made::countDown);
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));

        List<Request<String>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(client.method(String.class, "fast", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1
            && server.connections().get(0).stats().queuedRequests() == 3);
        assertThat(handler.order).isEmpty();

        made.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(sent.get(i).value()).isEqualTo("fast " + i);
        }
        assertThat(handler.order).containsExactly(0, 1, 2);
    }

    @Test
    void anInlineStageIsAnsweredWhenItCompletesWithoutHoldingAThread() {
        Recorder handler = new Recorder();
        CountingExecutor executor = new CountingExecutor();
        BjsonRpcServer server = server(c -> handler, ConnectionOptions.defaults().withExecutor(executor)
            .withMaxConcurrency(2));
        Connection client = client(server);
        int before = executor.tasks.get();

        Request<String> later = client.method(String.class, "later");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.threads.size() == 1);
        // the stage holds one of the two slots and no thread: another inline call runs meanwhile
        assertThat(client.call(String.class, "fast", 1)).isEqualTo("fast 1");
        assertThat(later.isDone()).isFalse();
        assertThat(server.connections().get(0).stats().inFlightRequests()).isEqualTo(1);

        CompletableFuture.runAsync(() -> handler.stage.complete("done"), callers);
        assertThat(later.value()).isEqualTo("done");
        assertThat(handler.threads).allMatch(name -> name.startsWith(IO_THREAD));
        // answered on the event loop too
        assertThat(executor.tasks).hasValue(before);
    }

    @Test
    void anInlinePipeIsWrittenInFull() {
        BjsonRpcServer server = server(c -> new Recorder(), ConnectionOptions.defaults().withExecutor(pool));
        Connection client = client(server);

        List<Integer> received = new ArrayList<>();
        client.pipe(Integer.class, "range", 5000).forEach(received::add);

        assertThat(received).containsExactlyElementsOf(IntStream.range(0, 5000).boxed().toList());
    }

    @Test
    void aPeerThatDoesNotReadItsRepliesIsSlowedDownAsWithoutInlineCalls() throws Exception {
        int maxQueued = 100;
        BjsonRpcServer server = server(c -> new Recorder(), ConnectionOptions.builder().executor(pool)
            .writeHighWaterMark(64 * 1024).maxQueuedRequests(maxQueued).build());
        String payload = "x".repeat(32 * 1024);
        // more than the socket buffers of both directions hold (tens of megabytes on loopback)
        int count = 3000;
        try (RawPeer peer = RawPeer.connect(server.port())) {
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < count; i++) {
                    peer.send("{\"method\":\"echo\",\"params\":[\"" + payload + "\"],\"id\":" + i + "}");
                }
            }, callers);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
            Connection accepted = server.connections().get(0);

            // the replies nobody reads stop the inline calls; the requests queue, reading pauses when half the limit
            // wait (nothing else pauses it here) and stays paused while over a quarter wait, never over the limit
            ConnectionStats[] stalled = new ConnectionStats[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                stalled[0] = accepted.stats();
                return stalled[0].readingPaused() && stalled[0].queuedRequests() > maxQueued / 4;
            });
            assertThat(stalled[0].queuedRequests()).isLessThanOrEqualTo(maxQueued);

            for (int i = 0; i < count; i++) {
                assertThat(peer.readLine()).isEqualTo("{\"result\":\"" + payload + "\",\"error\":null,\"id\":" + i
                    + "}");
            }
            assertThat(writing).succeedsWithin(Duration.ofSeconds(30));
        }
    }

    @Test
    void aGracefulShutdownWaitsForAPendingInlineStageAndRefusesNewInlineCalls() throws Exception {
        Recorder handler = new Recorder();
        BjsonRpcServer server = BjsonRpcServer.builder().port(0).handlerFactory(c -> handler)
            .options(ConnectionOptions.defaults().withExecutor(pool)).start();
        cleanup.track(server);
        Connection asking = client(server);
        Connection idle = client(server);
        assertThat(idle.call(String.class, "fast", 0)).isEqualTo("fast 0");

        Request<String> later = asking.method(String.class, "later");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.threads.size() == 2);
        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(
            () -> server.shutdownGracefully(Duration.ofSeconds(30)), callers);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                idle.call(Duration.ofSeconds(5), String.class, "fast", 1);
                return false;
            } catch (RemoteError e) {
                return e.getMessage().contains("Server shutting down");
            }
        });
        assertThat(shutdown).isNotDone();

        handler.stage.complete("done");
        assertThat(later.value()).isEqualTo("done");
        assertThat(shutdown.get(20, TimeUnit.SECONDS)).isTrue();
    }
}

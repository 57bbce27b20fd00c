package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;

/**
 * Reading pauses only for inbound pressure (the peer's lines piling up in the queue, pipe elements waiting for their
 * caller), never because this side cannot write; and it always resumes.
 */
class FlowControlTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final ExecutorService callers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "flow-control-caller");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    /** Answers with what it got. */
    public static class Echo {
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void twoPeersThatBothWriteMoreThanTheyReadBothFinish() {
        ConnectionOptions options = ConnectionOptions.builder().writeHighWaterMark(64 * 1024).build();
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0).handlerFactory(c -> new Echo())
            .options(options).start());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new Echo(), options));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1);
        Connection accepted = server.connections().get(0);
        String payload = "x".repeat(256 * 1024);

        CompletableFuture<Integer> clientCalls = CompletableFuture.supplyAsync(() -> echoes(client, payload, 256),
            callers);
        CompletableFuture<Integer> serverCalls = CompletableFuture.supplyAsync(() -> echoes(accepted, payload, 256),
            callers);

        assertThat(clientCalls).succeedsWithin(Duration.ofSeconds(120)).isEqualTo(256);
        assertThat(serverCalls).succeedsWithin(Duration.ofSeconds(120)).isEqualTo(256);
    }

    /** Streams {@code count} elements of {@code size} characters, each starting with its number and a colon. */
    public static class Source {
        public Stream<String> numbered(int count, int size) {
            return IntStream.range(0, count).mapToObj(i -> {
                String number = i + ":";
                return number + "x".repeat(Math.max(0, size - number.length()));
            });
        }

        public String ping() {
            return "pong";
        }
    }

    /** Holds the connection's one request slot until the test releases it. */
    public static class Holder {
        private final CountDownLatch release;

        Holder(CountDownLatch release) {
            this.release = release;
        }

        public String hold() throws InterruptedException {
            release.await();
            return "held";
        }

        public String ping() {
            return "pong";
        }
    }

    /** Records the limits reached. */
    static final class Limits implements RpcObserver {
        final List<String> reached = new CopyOnWriteArrayList<>();

        @Override
        public void limitReached(Connection connection, String limit) {
            reached.add(limit);
        }
    }

    private static final int PIPE_BUFFER = 1024 * 1024;
    /** What may arrive beyond the pipe buffer's limit before the pause takes effect: the rest of one read. */
    private static final int PIPE_BUFFER_SLACK = 256 * 1024;

    private Connection pipeClient(Limits limits) {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Source(),
            ConnectionOptions.builder().maxConcurrency(2).build()));
        return cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port()).addObserver(limits)
            .options(ConnectionOptions.builder().maxBufferedPipeBytes(PIPE_BUFFER).pipeEndMarker(true).build())
            .build()).connect();
    }

    @Test
    void anUnconsumedPipeHoldsNoMoreThanItsBufferThenDeliversEverythingInOrder() {
        Limits limits = new Limits();
        Connection client = pipeClient(limits);

        Pipe<String> pipe = client.pipe(String.class, "numbered", 20_000, 10_000);

        // the caller takes nothing: reading pauses once the elements waiting for it are over the limit
        await().atMost(Duration.ofSeconds(60)).until(() -> client.stats().readingPaused());
        ConnectionStats paused = client.stats();
        assertThat(paused.bufferedPipeBytes()).isGreaterThan(PIPE_BUFFER)
            .isLessThanOrEqualTo(PIPE_BUFFER + PIPE_BUFFER_SLACK);
        assertThat(paused.bufferedPipeElements()).isLessThan(200);
        assertThat(limits.reached).contains("pipe-buffer");

        int next = 0;
        long mostBuffered = 0;
        for (String element : pipe) {
            assertThat(element).startsWith(next + ":").hasSize(10_000);
            next++;
            mostBuffered = Math.max(mostBuffered, client.stats().bufferedPipeBytes());
        }
        assertThat(next).isEqualTo(20_000);
        assertThat(mostBuffered).isLessThanOrEqualTo(PIPE_BUFFER + PIPE_BUFFER_SLACK);
        assertThat(client.stats().bufferedPipeBytes()).isZero();
        assertThat(client.stats().readingPaused()).isFalse();
    }

    @Test
    void aCallerWaitingForAReplyBehindAnUnconsumedPipeGetsIt() {
        Connection client = pipeClient(new Limits());
        Pipe<String> pipe = client.pipe(String.class, "numbered", 20_000, 10_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.stats().readingPaused());

        // the reply is behind elements nobody consumes: reading goes on while the caller waits for it
        assertThat(client.call(Duration.ofSeconds(30), String.class, "ping")).isEqualTo("pong");

        // and once nobody waits, the unconsumed pipe pauses reading again
        await().atMost(Duration.ofSeconds(60)).until(() -> client.stats().readingPaused());
        assertThat(client.stats().bufferedPipeElements()).isLessThan(20_000);
        pipe.close();
        assertThat(client.stats().bufferedPipeBytes()).isZero();
        assertThat(client.call(Duration.ofSeconds(30), String.class, "ping")).isEqualTo("pong");
    }

    @Test
    void aSubscribersDemandReachesTheSocket() throws Exception {
        Connection client = pipeClient(new Limits());
        Pipe<String> pipe = client.pipe(String.class, "numbered", 20_000, 10_000);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Flow.Subscription[] subscription = new Flow.Subscription[1];
        pipe.publisher().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                s.request(10);
            }

            @Override
            public void onNext(String item) {
                seen.add(item);
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() == 10 && client.stats().readingPaused());
        assertThat(client.stats().bufferedPipeBytes()).isLessThanOrEqualTo(PIPE_BUFFER + PIPE_BUFFER_SLACK);

        subscription[0].request(Long.MAX_VALUE);
        done.get(60, TimeUnit.SECONDS);
        assertThat(seen).hasSize(20_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).startsWith(i + ":");
        }
        assertThat(client.stats().bufferedPipeBytes()).isZero();
    }

    @Test
    void linesAnsweredUnknownFormatCountAgainstTheQueueLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Limits limits = new Limits();
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new Holder(release)).addObserver(limits)
            .options(ConnectionOptions.builder().maxQueuedRequests(100).build()).start());
        cleanup.track(release::countDown);
        int flood = 50_000;
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"hold\",\"id\":0}");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connections().size() == 1
                && server.connections().get(0).stats().inFlightRequests() == 1);
            Connection accepted = server.connections().get(0);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                StringBuilder lines = new StringBuilder();
                for (int i = 1; i <= flood; i++) {
                    lines.append("{\"id\":").append(i).append("}\n");
                    if (i % 1000 == 0) {
                        peer.writeRaw(lines.toString());
                        lines.setLength(0);
                    }
                }
            }, callers);

            // behind the held call, the flood fills the queue to its limit and no further: reading pauses
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.stats().readingPaused());
            assertThat(accepted.stats().queuedRequests()).isBetween(50, 100);

            release.countDown();
            int unknown = 0;
            int busy = 0;
            int held = 0;
            for (int i = 0; i <= flood; i++) {
                String reply = peer.readLine();
                if (reply.contains("Unknown format")) {
                    unknown++;
                } else if (reply.contains("Server busy: 100 requests")) {
                    busy++;
                } else {
                    assertThat(reply).isEqualTo("{\"result\":\"held\",\"error\":null,\"id\":0}");
                    held++;
                }
            }
            assertThat(held).isOne();
            assertThat(writing).succeedsWithin(Duration.ofSeconds(30));
            assertThat(unknown + busy).isEqualTo(flood);
            assertThat(limits.reached).hasSize(busy).allMatch("queued-requests"::equals);
        }
    }

    @Test
    void readingResumesAfterEveryPause() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Holder(null),
            ConnectionOptions.builder().maxQueuedRequests(4).build()));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.builder().maxPendingRequests(20_000).build()));

        // thousands of pauses and resumes: a lost resume would leave the last calls without replies
        List<Request<String>> sent = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            sent.add(client.method(String.class, "ping"));
        }
        assertThat(sent.get(sent.size() - 1).await(Duration.ofSeconds(60))).isTrue();
        int pongs = 0;
        for (Request<String> request : sent) {
            try {
                assertThat(request.value(Duration.ofSeconds(10))).isEqualTo("pong");
                pongs++;
            } catch (RemoteError busy) {
                // lines read beyond the limit in one read are answered busy
                assertThat(busy).hasMessageContaining("Server busy");
            }
        }
        assertThat(pongs).isPositive();
    }

    /** Sends {@code count} echo calls without waiting, then waits for every reply; returns how many matched. */
    private static int echoes(Connection connection, String payload, int count) {
        List<Request<String>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(connection.method(String.class, "echo", payload));
        }
        int matched = 0;
        for (Request<String> request : sent) {
            if (payload.equals(request.value(Duration.ofSeconds(120)))) {
                matched++;
            }
        }
        return matched;
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many replies to one request: streams, iterators and publishers on the handler side; iterator, stream and
 * publisher on the caller's.
 */
class PipeTest {

    /** Pipes of every source kind. */
    public static class Sources {
        public Stream<Integer> range(int count) {
            return IntStream.range(0, count).boxed();
        }

        /** Starts producing when subscribed to, on a thread of its own. */
        public Flow.Publisher<String> published(int count) {
            return subscriber -> {
                SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
                publisher.subscribe(subscriber);
                background(() -> {
                    for (int i = 0; i < count; i++) {
                        publisher.submit("item " + i);
                    }
                    publisher.close();
                });
            };
        }

        /** One element on the first request, then an error. */
        public Flow.Publisher<String> brokenPublisher() {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                private int requested;

                @Override
                public void request(long n) {
                    if (requested++ == 0) {
                        subscriber.onNext("first");
                    } else {
                        subscriber.onError(new IllegalStateException("source died"));
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }

        private static void background(Runnable work) {
            Thread thread = new Thread(work, "publisher");
            thread.setDaemon(true);
            thread.start();
        }

        public String single() {
            return "one";
        }
    }

    private BjsonRpcServer server;
    private Connection client;

    @BeforeEach
    void start() {
        server = BjsonRpc.createServer("127.0.0.1", 0, c -> new Sources());
        client = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.builder().pipeEndMarker(true).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void withTheEndMarkerAPipeEndsAfterItsLastElement() {
        assertThat(client.pipe(Integer.class, "range", 1000).stream().toList())
            .isEqualTo(IntStream.range(0, 1000).boxed().toList());
        assertThat(client.pipe("range", 0).stream().toList()).isEmpty();
        assertThat(client.pipe("single").stream().toList()).containsExactly("one");
    }

    @Test
    void aPublisherOfTheHandlerIsStreamedAndEnds() {
        assertThat(client.pipe(String.class, "published", 50).stream().toList())
            .hasSize(50).startsWith("item 0").endsWith("item 49");
    }

    @Test
    void aFailingSourceEndsThePipeWithTheError() {
        Pipe<String> pipe = client.pipe(String.class, "brokenPublisher");
        var elements = pipe.iterator();
        assertThat(elements.next()).isEqualTo("first");
        assertThatThrownBy(elements::hasNext).isInstanceOf(RemoteError.class)
            .hasMessage("IllegalStateException: source died");
        assertThat(pipe.isClosed()).isTrue();
    }

    @Test
    void theCallerCanSubscribeWithDemand() throws Exception {
        Pipe<Integer> pipe = client.pipe(Integer.class, "range", 20);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        pipe.publisher().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                seen.add(item);
                subscription.request(1);
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
        done.get(5, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo(IntStream.range(0, 20).boxed().toList());
        assertThatThrownBy(pipe::iterator).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAPipeForgetsItAndTheConnectionGoesOn() {
        Connection plain = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE);
        try {
            Pipe<Object> pipe = plain.pipe("range", 5);
            assertThat(pipe.stream().limit(3).toList()).containsExactly(0, 1, 2);
            pipe.close();
            pipe.close();
            assertThat(pipe.isClosed()).isTrue();
            assertThat(plain.call(Duration.ofSeconds(5), String.class, "single")).isEqualTo("one");
        } finally {
            plain.close();
        }
    }
}

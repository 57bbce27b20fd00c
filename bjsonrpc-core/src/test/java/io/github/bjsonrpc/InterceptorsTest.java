package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.MyList;

/**
 * Interceptors around the calls of a connection, both ways: their order, what they see, what they can do (refuse,
 * change arguments, set the MDC of the handler's thread), and that every kind of exchange passes through them.
 */
class InterceptorsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** What the interceptors and handlers of one test saw, in order. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** The server's handler: it writes down what it runs. */
    public class Handler {
        private final CountDownLatch noted = new CountDownLatch(1);

        public int add2(int a, int b) {
            seen.add("add2(" + a + "," + b + ")");
            return a + b;
        }

        public String mdc(String key) {
            return MDC.get(key);
        }

        public Stream<Integer> count(int n) {
            return IntStream.rangeClosed(1, n).boxed();
        }

        public void note(String text) {
            seen.add("note(" + text + ")");
            noted.countDown();
        }

        public boolean awaitNote() throws InterruptedException {
            return noted.await(10, TimeUnit.SECONDS);
        }

        public MyList newList() {
            return new MyList();
        }

        public Object askClient(Connection connection) {
            return connection.call("clientName");
        }
    }

    /** The client's handler, for the server to call back. */
    public static class ClientSide {
        public String clientName() {
            return "client";
        }
    }

    /** Writes down each call it sees, on entry and on exit, under its name. */
    private RpcInterceptor recording(String name) {
        return new RpcInterceptor() {
            @Override
            public Object aroundHandled(HandledCall call) throws Throwable {
                seen.add(name + ">" + call.method() + ":" + call.type());
                try {
                    return call.proceed();
                } finally {
                    seen.add("<" + name);
                }
            }

            @Override
            public Object aroundIssued(IssuedCall call) {
                seen.add(name + " issues " + call.method() + ":" + call.type() + List.of(call.arguments()));
                return call.proceed();
            }
        };
    }

    private BjsonRpcServer server(BjsonRpcServer.Builder builder) {
        return cleanup.track(builder.host("127.0.0.1").port(0).handlerFactory(c -> new Handler()).start());
    }

    private Connection connect(BjsonRpcServer server, ConnectionOptions options) {
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new ClientSide(), options));
    }

    @Test
    void interceptorsRunInOrderAroundTheHandlerTheFirstOutermost() {
        BjsonRpcServer server = server(BjsonRpcServer.builder()
            .options(ConnectionOptions.builder().addInterceptor(recording("options")).build())
            .addInterceptor(recording("first"))
            .addInterceptor(recording("second")));
        Connection client = connect(server, ConnectionOptions.defaults());

        assertThat(client.call("add2", 1, 2)).isEqualTo(3);

        assertThat(seen).containsExactly("options>add2:CALL", "first>add2:CALL", "second>add2:CALL", "add2(1,2)",
            "<second", "<first", "<options");
    }

    @Test
    void aRefusalIsAnsweredWithItsErrorAndTheHandlerDoesNotRun() {
        BjsonRpcServer server = server(BjsonRpcServer.builder().addInterceptor(new RpcInterceptor() {
            @Override
            public Object aroundHandled(HandledCall call) throws Throwable {
                if ((Integer) call.arguments()[0] < 0) {
                    throw new ServerError("Negative numbers are not allowed");
                }
                if ((Integer) call.arguments()[0] == 0) {
                    throw new IllegalArgumentException("zero");
                }
                return call.proceed();
            }
        }));
        Connection client = connect(server, ConnectionOptions.defaults());

        assertThatThrownBy(() -> client.call("add2", -1, 2)).isInstanceOf(RemoteError.class)
            .hasMessage("Negative numbers are not allowed");
        assertThatThrownBy(() -> client.call("add2", 0, 2)).isInstanceOf(RemoteError.class)
            .hasMessage("IllegalArgumentException: zero");
        assertThat(client.call("add2", 1, 2)).isEqualTo(3);

        assertThat(seen).containsExactly("add2(1,2)");
    }

    @Test
    void anInterceptorChangesTheArgumentsOrAnswersInsteadOfTheHandler() {
        BjsonRpcServer server = server(BjsonRpcServer.builder().addInterceptor(new RpcInterceptor() {
            @Override
            public Object aroundHandled(HandledCall call) throws Throwable {
                if (call.arguments()[0].equals(42)) {
                    return "cached";
                }
                call.arguments()[0] = (Integer) call.arguments()[0] * 10;
                return call.proceed();
            }
        }));
        Connection client = connect(server, ConnectionOptions.defaults());

        assertThat(client.call("add2", 1, 2)).isEqualTo(12);
        assertThat(client.call("add2", 42, 0)).isEqualTo("cached");
        assertThat(seen).containsExactly("add2(10,2)");
    }

    @Test
    void theMdcAnInterceptorSetsIsTheHandlersThreads() {
        BjsonRpcServer server = server(BjsonRpcServer.builder().addInterceptor(new RpcInterceptor() {
            @Override
            public Object aroundHandled(HandledCall call) throws Throwable {
                MDC.put("rpc.peer", String.valueOf(call.connection().remoteAddress()));
                try {
                    return call.proceed();
                } finally {
                    MDC.remove("rpc.peer");
                }
            }
        }));
        Connection client = connect(server, ConnectionOptions.defaults());

        assertThat(client.call("mdc", "rpc.peer")).isEqualTo(String.valueOf(client.localAddress()));
    }

    @Test
    void notificationsPipesAndMethodsOfExportedObjectsPassThroughTheServersInterceptors() {
        List<Object> targets = new CopyOnWriteArrayList<>();
        BjsonRpcServer server = server(BjsonRpcServer.builder().addInterceptor(recording("i"))
            .addInterceptor(new RpcInterceptor() {
                @Override
                public Object aroundHandled(HandledCall call) throws Throwable {
                    targets.add(call.target().getClass().getSimpleName() + "." + call.javaMethod().getName());
                    return call.proceed();
                }
            }));
        Connection client = connect(server, ConnectionOptions.defaults());

        client.notify("note", "hello");
        assertThat(client.call("awaitNote")).isEqualTo(true);
        try (Pipe<Integer> pipe = client.pipe(Integer.class, "count", 3)) {
            assertThat(pipe.stream().limit(3)).containsExactly(1, 2, 3);
        }
        RemoteObject list = client.call(RemoteObject.class, "newList");
        list.call("add", 5);

        assertThat(seen).containsSubsequence("i>note:NOTIFY", "note(hello)", "<i", "i>awaitNote:CALL",
            "i>count:PIPE", "i>newList:CALL", "i>" + list.name() + ".add:CALL");
        assertThat(targets).contains("Handler.note", "Handler.count", "MyList.add");
    }

    @Test
    void callsNotificationsAndPipesSentPassThroughTheSendersInterceptors() {
        BjsonRpcServer server = server(BjsonRpcServer.builder().addInterceptor(recording("server")));
        Connection client = connect(server, ConnectionOptions.builder().addInterceptor(recording("client")).build());

        assertThat(client.call("add2", 1, 2)).isEqualTo(3);
        client.notify("note", "hi");
        try (Pipe<Integer> pipe = client.pipe(Integer.class, "count", Params.of(2))) {
            assertThat(pipe.stream().limit(2)).containsExactly(1, 2);
        }
        assertThat(client.call("askClient")).isEqualTo("client");

        assertThat(seen).contains("client issues add2:CALL[1, 2]", "client issues note:NOTIFY[hi]",
            "client issues askClient:CALL[]", "server issues clientName:CALL[]", "client>clientName:CALL");
        assertThat(seen).anyMatch(s -> s.startsWith("client issues count:PIPE["));
    }

    @Test
    void aRefusedCallIsNeverSentAndTheCallerGetsTheRefusal() {
        BjsonRpcServer server = server(BjsonRpcServer.builder());
        Connection client = connect(server, ConnectionOptions.builder().addInterceptor(new RpcInterceptor() {
            @Override
            public Object aroundIssued(IssuedCall call) {
                if (call.method().equals("note")) {
                    throw new IllegalStateException("notes are off");
                }
                return call.proceed();
            }
        }).build());

        assertThatThrownBy(() -> client.notify("note", "lost")).isInstanceOf(IllegalStateException.class)
            .hasMessage("notes are off");
        assertThat(client.call("add2", 1, 1)).isEqualTo(2);

        assertThat(seen).containsExactly("add2(1,1)");
    }

    @Test
    void theOutcomeOfACallSentIsSeenThroughItsRequest() {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        BjsonRpcServer server = server(BjsonRpcServer.builder());
        Connection client = connect(server, ConnectionOptions.builder().addInterceptor(new RpcInterceptor() {
            @Override
            public Object aroundIssued(IssuedCall call) {
                Object sent = call.proceed();
                if (sent instanceof Request<?> request) {
                    request.toCompletableFuture().whenComplete((value, failure) -> outcome.complete(
                        failure != null ? failure.getClass().getSimpleName() : value));
                }
                return sent;
            }
        }).build());

        assertThat(client.call("add2", 20, 22)).isEqualTo(42);
        assertThat(outcome).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(42);
    }

    @Test
    void anInterceptorReadsTheConnectionsAttributes() {
        BjsonRpcServer server = server(BjsonRpcServer.builder()
            .addConnectionListener(new ConnectionListener() {
                @Override
                public void opened(Connection connection) {
                    connection.attributes().put("tenant", "acme");
                }
            })
            .addInterceptor(new RpcInterceptor() {
                @Override
                public Object aroundHandled(HandledCall call) throws Throwable {
                    seen.add("tenant " + call.connection().attributes().get("tenant"));
                    return call.proceed();
                }
            }));
        Connection client = connect(server, ConnectionOptions.defaults());

        assertThat(client.call("add2", 2, 2)).isEqualTo(4);
        assertThat(seen).containsExactly("tenant acme", "add2(2,2)");
        assertThat(client.attributes()).isEmpty();
    }
}

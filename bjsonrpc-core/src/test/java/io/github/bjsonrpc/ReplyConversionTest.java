package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * A reply's result is converted where it is asked for, never on an I/O thread: by the thread waiting in
 * {@code value()}, on the handler executor for callbacks and futures; once per request, and a result that does
 * not convert fails each way with the reason.
 */
class ReplyConversionTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** A value whose conversion tells where it ran. */
    record Stamp(String text, Thread convertedOn) {
    }

    /** The server's methods. */
    public static class Handler {
        public String stamp() {
            return "12:00";
        }

        public List<Integer> notAStamp() {
            return List.of(1, 2);
        }
    }

    private final List<Thread> conversions = new CopyOnWriteArrayList<>();

    private Connection connect() {
        SimpleModule module = new SimpleModule("stamps");
        module.addDeserializer(Stamp.class, new ValueDeserializer<>() {
            @Override
            public Stamp deserialize(JsonParser p, DeserializationContext context) {
                conversions.add(Thread.currentThread());
                if (!p.currentToken().isScalarValue()) {
                    return context.reportInputMismatch(Stamp.class, "a stamp is a string");
                }
                return new Stamp(p.getString(), Thread.currentThread());
            }
        });
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, connection -> new Handler()));
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE,
            ConnectionOptions.builder().jsonMapper(JsonMapper.builder().addModule(module).build()).build()));
    }

    @Test
    void theWaitingThreadConvertsTheResultOnce() {
        Connection client = connect();

        Request<Stamp> request = client.method(Stamp.class, "stamp");
        Stamp first = request.value();
        Stamp again = request.value();

        assertThat(first.text()).isEqualTo("12:00");
        assertThat(first.convertedOn()).isSameAs(Thread.currentThread());
        assertThat(again).isSameAs(first);
        assertThat(conversions).containsExactly(Thread.currentThread());
    }

    @Test
    void callbacksAndFuturesConvertOnTheHandlerExecutor() throws Exception {
        Connection client = connect();
        CompletableFuture<Stamp> delivered = new CompletableFuture<>();

        client.method(Stamp.class, "stamp").onResult(delivered::complete);
        Stamp viaCallback = delivered.get(30, TimeUnit.SECONDS);
        Stamp viaFuture = client.method(Stamp.class, "stamp").toCompletableFuture().get(30, TimeUnit.SECONDS);

        for (Stamp stamp : List.of(viaCallback, viaFuture)) {
            assertThat(stamp.text()).isEqualTo("12:00");
            assertThat(stamp.convertedOn().getName()).doesNotStartWith("bjsonrpc-io")
                .isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void aResultThatDoesNotConvertFailsEveryWayWithTheReason() throws Exception {
        Connection client = connect();
        CompletableFuture<Throwable> reported = new CompletableFuture<>();

        Request<Stamp> request = client.method(Stamp.class, "notAStamp").onError(reported::complete);
        Throwable fromValue = catchThrowable(() -> request.value(Duration.ofSeconds(30)));
        Throwable fromCallback = reported.get(30, TimeUnit.SECONDS);
        Throwable fromFuture = catchThrowable(() -> request.toCompletableFuture().join());

        String reason = "Cannot convert the result of 'notAStamp' to " + Stamp.class.getName();
        assertThat(fromValue).isExactlyInstanceOf(BjsonRpcException.class).hasMessageStartingWith(reason);
        assertThat(fromCallback).isExactlyInstanceOf(BjsonRpcException.class).hasMessageStartingWith(reason);
        assertThat(fromFuture).isInstanceOf(CompletionException.class).cause()
            .isExactlyInstanceOf(BjsonRpcException.class).hasMessageStartingWith(reason);
        assertThat(request.isDone()).isTrue();
    }
}

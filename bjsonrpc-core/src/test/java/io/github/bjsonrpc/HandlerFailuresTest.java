package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.bjsonrpc.support.CapturedLog;
import io.github.bjsonrpc.support.Cleanup;

/** What a failing handler sends to its peer, and what it leaves in the log. */
class HandlerFailuresTest {

    /** The logger handler failures go to. */
    private static final String FAILURES = "io.github.bjsonrpc.dispatch.HandlerFailures";

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @RegisterExtension
    final CapturedLog log = new CapturedLog(FAILURES, Level.DEBUG);

    /** A failure of this test's own type, so that no other test's failures count against its log limit. */
    public static class FirstFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FirstFailure(String message) {
            super(message);
        }
    }

    /** Another one. */
    public static class SecondFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SecondFailure(String message) {
            super(message);
        }
    }

    /** Fails in every way a handler can. */
    public static class Failing {
        private final String name;

        Failing(String name) {
            this.name = name;
        }

        public void overflow() {
            throw new StackOverflowError("too deep");
        }

        public void assertion() {
            throw new AssertionError("internal state " + name);
        }

        public void crash(String why) {
            throw new FirstFailure(why);
        }

        public void other(String why) {
            throw new SecondFailure(why);
        }

        public String ping() {
            return "pong";
        }
    }

    private Connection connect() {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Failing("secret")));
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
    }

    private List<ILoggingEvent> at(Level wanted) {
        return log.events().stream().filter(e -> e.getLevel() == wanted).toList();
    }

    @Test
    void anErrorIsAnsweredWithAGenericErrorAndLoggedAtErrorWithItsStackTrace() {
        Connection client = connect();

        assertThatThrownBy(() -> client.call("overflow")).isInstanceOf(RemoteError.class)
            .hasMessage("InternalError: the call failed on the peer; details are in its log");
        assertThatThrownBy(() -> client.call("assertion")).isInstanceOf(RemoteError.class)
            .hasMessage("InternalError: the call failed on the peer; details are in its log")
            .message().doesNotContain("secret");
        assertThat(client.call("ping")).isEqualTo("pong");

        List<ILoggingEvent> errors = at(Level.ERROR);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).getThrowableProxy().getClassName()).isEqualTo(StackOverflowError.class.getName());
        assertThat(errors.get(1).getThrowableProxy().getMessage()).isEqualTo("internal state secret");
    }

    @Test
    void eachHandlerExceptionIsLoggedOnceAtWarnForTheFirstOfItsTypeAndAtDebugWithItsStackTraceAfter() {
        Connection client = connect();

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> client.call("crash", "boom")).isInstanceOf(RemoteError.class)
                .hasMessage("FirstFailure: boom");
        }
        assertThatThrownBy(() -> client.call("other", "nope")).isInstanceOf(RemoteError.class)
            .hasMessage("SecondFailure: nope");

        List<ILoggingEvent> warnings = at(Level.WARN);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0).getFormattedMessage()).contains("FirstFailure: boom")
            .contains("'crash'");
        assertThat(warnings.get(1).getFormattedMessage()).contains("SecondFailure: nope");
        assertThat(warnings).allMatch(w -> w.getThrowableProxy() == null);
        List<ILoggingEvent> debug = at(Level.DEBUG);
        assertThat(debug).hasSize(49).allMatch(d -> d.getThrowableProxy() != null);
    }

    /** A failure of the correlation-id test's own type, so that its first occurrence is this test's. */
    public static class ThirdFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ThirdFailure(String message) {
            super(message);
        }
    }

    /** Fails with what it is asked to. */
    public static class Thrower {
        public void raise(String kind, String message) {
            switch (kind) {
                case "server" -> throw new ServerError(message);
                case "third" -> throw new ThirdFailure(message);
                case "missing" -> throw new java.util.NoSuchElementException(message);
                case "state" -> throw new IllegalStateException(message);
                default -> throw new AssertionError(message);
            }
        }
    }

    private Connection connect(ConnectionOptions options) {
        BjsonRpcServer server = cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Thrower(), options));
        return cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
    }

    private static String errorOf(Connection client, String kind, String message) {
        try {
            client.call("raise", kind, message);
        } catch (RemoteError e) {
            return e.getMessage();
        }
        throw new AssertionError("raise(" + kind + ") did not fail");
    }

    @Test
    void theFirstExceptionHandlerThatAnswersDecidesAndTheReferencesRulesDecideTheRest() {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Connection client = connect(ConnectionOptions.builder()
            .addExceptionHandler((connection, method, failure) -> {
                asked.add("broken");
                throw new IllegalStateException("a broken handler is skipped");
            })
            .addExceptionHandler((connection, method, failure) -> {
                asked.add("first " + method);
                return failure instanceof java.util.NoSuchElementException ? ErrorReply.of("Not found: "
                    + failure.getMessage()) : null;
            })
            .addExceptionHandler((connection, method, failure) -> {
                asked.add("second");
                return failure instanceof RuntimeException ? null : ErrorReply.of("never");
            })
            .build());

        assertThat(errorOf(client, "missing", "user 7")).isEqualTo("Not found: user 7");
        assertThat(asked).containsExactly("broken", "first raise");
        assertThat(errorOf(client, "state", "db at 10.0.0.5")).isEqualTo("IllegalStateException: db at 10.0.0.5");
        assertThat(errorOf(client, "server", "expected")).isEqualTo("expected");
        assertThat(errorOf(client, "assertion", "internal"))
            .isEqualTo("InternalError: the call failed on the peer; details are in its log");
        assertThat(asked).as("errors are never asked about").hasSize(2 + 3 + 3);
    }

    @Test
    void withoutDetailsThePeerGetsTheKindAndACorrelationIdThatTheLogLineRepeatsWithTheMessage() {
        Connection client = connect(ConnectionOptions.builder()
            .addExceptionHandler(RpcExceptionHandler.withoutDetails()).build());

        String first = errorOf(client, "third", "password=hunter2");
        String second = errorOf(client, "third", "password=hunter2");

        assertThat(first).matches("ThirdFailure \\(error [0-9a-f]{8}\\)").doesNotContain("hunter2");
        assertThat(second).matches("ThirdFailure \\(error [0-9a-f]{8}\\)").isNotEqualTo(first);
        assertThat(errorOf(client, "server", "Quota exceeded")).isEqualTo("Quota exceeded");

        List<ILoggingEvent> warnings = at(Level.WARN);
        assertThat(warnings).hasSize(2);
        for (int i = 0; i < 2; i++) {
            String id = (i == 0 ? first : second).replaceAll(".*\\(error (\\w+)\\)", "$1");
            assertThat(warnings.get(i).getFormattedMessage()).contains("(error " + id + ")")
                .contains("ThirdFailure: password=hunter2").contains("'raise'");
            // this test's logger is at DEBUG: every line has its stack trace
            assertThat(warnings.get(i).getThrowableProxy().getMessage()).isEqualTo("password=hunter2");
        }
        assertThat(at(Level.DEBUG)).hasSize(1).allMatch(d -> d.getFormattedMessage().contains("Quota exceeded"));
    }
}

package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.bjsonrpc.support.Cleanup;

/** What a failing handler sends to its peer, and what it leaves in the log. */
class HandlerFailuresTest {

    /** The logger handler failures go to. */
    private static final String FAILURES = "io.github.bjsonrpc.dispatch.HandlerFailures";

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Logger logger = (Logger) LoggerFactory.getLogger(FAILURES);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        logger.setLevel(level);
    }

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
        return log.list.stream().filter(e -> e.getLevel() == wanted).toList();
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
    void handlerExceptionsAreLoggedAtWarnOncePerTypeAndAtDebugWithTheirStackTrace() {
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
        assertThat(debug).hasSize(51).allMatch(d -> d.getThrowableProxy() != null);
    }
}

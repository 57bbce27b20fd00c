package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionFilter;
import io.github.bjsonrpc.ErrorReply;
import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.HandledCall;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.IssuedCall;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.RemoteObject;
import io.github.bjsonrpc.RpcExceptionHandler;
import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.ServerError;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;
import io.github.bjsonrpc.support.RawPeer;

/**
 * Interceptor, exception-handler and connection-filter beans in real applications talking over loopback: their
 * order, where they apply, what they see and do, and what error replies tell the peer by default and with
 * {@code bjsonrpc.errors.details=full}.
 */
class InterceptorsAndErrorRepliesTest {

    /** What the interceptors and services of one application saw, in order. */
    static class Journal {
        final List<String> seen = new CopyOnWriteArrayList<>();
    }

    /** Lets the server's connection filter refuse everybody; writes down the connections filtered. */
    static class Gate {
        final AtomicBoolean open = new AtomicBoolean(true);
        final List<String> seen = new CopyOnWriteArrayList<>();
    }

    /** An object the server exports. */
    @Exported
    public static class Counter {
        private int value;

        public int increment() {
            return ++value;
        }
    }

    /** The server application's service. */
    @BjsonRpcService
    public static class Calculator {
        private final Journal journal;
        private final Connection connection;
        private final CountDownLatch noted = new CountDownLatch(1);

        public Calculator(Journal journal, Connection connection) {
            this.journal = journal;
            this.connection = connection;
        }

        public int add2(int a, int b) {
            journal.seen.add("add2(" + a + "," + b + ")");
            return a + b;
        }

        public String secret() {
            journal.seen.add("secret()");
            return "the secret";
        }

        public String mdc(String key) {
            return MDC.get(key);
        }

        public Stream<Integer> count(int n) {
            return IntStream.rangeClosed(1, n).boxed();
        }

        public void note(String text) {
            journal.seen.add("note(" + text + ")");
            noted.countDown();
        }

        public boolean awaitNote() throws InterruptedException {
            return noted.await(10, TimeUnit.SECONDS);
        }

        public Counter newCounter() {
            return new Counter();
        }

        public String whoCalls() {
            return "called by " + connection.call("clientName");
        }

        public void fail(String kind, String message) {
            switch (kind) {
                case "missing" -> throw new NoSuchElementException(message);
                case "server" -> throw new ServerError(message);
                default -> throw new IllegalStateException(message);
            }
        }
    }

    /** An interceptor that writes down the calls it sees, handled and issued, under its name. */
    static class Recording implements RpcInterceptor {
        private final Journal journal;
        private final String name;

        Recording(Journal journal, String name) {
            this.journal = journal;
            this.name = name;
        }

        @Override
        public Object aroundHandled(HandledCall call) throws Throwable {
            journal.seen.add(name + ">" + call.method() + ":" + call.type());
            try {
                return call.proceed();
            } finally {
                journal.seen.add("<" + name);
            }
        }

        @Override
        public Object aroundIssued(IssuedCall call) {
            journal.seen.add(name + " issues " + call.method() + ":" + call.type() + List.of(call.arguments()));
            return call.proceed();
        }
    }

    /** Ordered by its type rather than by an annotation. */
    static class OrderedRecording extends Recording implements Ordered {
        OrderedRecording(Journal journal, String name) {
            super(journal, name);
        }

        @Override
        public int getOrder() {
            return 3;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServerBeans {

        @Bean
        @Order(2)
        RpcInterceptor second(Journal journal) {
            return new Recording(journal, "second");
        }

        @Bean
        RpcInterceptor third(Journal journal) {
            return new OrderedRecording(journal, "third");
        }

        @Bean
        @Order(1)
        RpcInterceptor first(Journal journal) {
            return new Recording(journal, "first") {
                @Override
                public Object aroundHandled(HandledCall call) throws Throwable {
                    MDC.put("rpc.method", call.method());
                    try {
                        return super.aroundHandled(call);
                    } finally {
                        MDC.remove("rpc.method");
                    }
                }
            };
        }

        @Bean
        @Order(0)
        RpcInterceptor gatekeeper() {
            return new RpcInterceptor() {
                @Override
                public Object aroundHandled(HandledCall call) throws Throwable {
                    if (call.method().equals("secret")) {
                        throw new ServerError("Refused: 'secret' is not for " + call.connection().role());
                    }
                    return call.proceed();
                }
            };
        }

        @Bean
        @Order(4)
        @InterceptedConnections(clients = {})
        RpcInterceptor serverOnly(Journal journal) {
            return new Recording(journal, "server-only");
        }

        @Bean
        @Order(5)
        @InterceptedConnections(server = false)
        RpcInterceptor clientsOnly(Journal journal) {
            return new Recording(journal, "clients-only");
        }

        @Bean
        RpcExceptionHandler notFound() {
            return (connection, method, failure) -> failure instanceof NoSuchElementException
                ? ErrorReply.of("Not found: " + failure.getMessage()) : null;
        }

        @Bean
        @Order(1)
        ConnectionFilter seenFilter(Gate gate) {
            return connection -> gate.seen.add(String.valueOf(connection.remoteAddress()));
        }

        @Bean
        @Order(2)
        ConnectionFilter gateFilter(Gate gate) {
            return connection -> gate.open.get();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Calculator.class, Journal.class, Gate.class, ServerBeans.class})
    static class ServerApp {
    }

    /** Published on the client application's connection to the server, for the server to call back. */
    @BjsonRpcService(server = false, clients = "calc")
    public static class ClientName {
        public String clientName() {
            return "billing";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientBeans {

        @Bean
        @Order(1)
        RpcInterceptor everywhere(Journal journal) {
            return new Recording(journal, "everywhere");
        }

        @Bean
        @Order(2)
        @InterceptedConnections(server = false, clients = "calc")
        RpcInterceptor calcOnly(Journal journal) {
            return new Recording(journal, "calc-only");
        }

        @Bean
        @InterceptedConnections(clients = "other")
        RpcInterceptor otherOnly(Journal journal) {
            return new Recording(journal, "other-only");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ClientName.class, Journal.class, ClientBeans.class})
    static class ClientApp {
    }

    @RegisterExtension
    final Apps apps = new Apps();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private ConfigurableApplicationContext server(String... properties) {
        // the failures' log lines are WARN (this module's test configuration logs the library at ERROR only)
        List<String> all = new ArrayList<>(List.of("bjsonrpc.server.port=0",
            "logging.level.io.github.bjsonrpc.dispatch=WARN"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext server = apps.start(ServerApp.class, all.toArray(String[]::new));
        // after the application started: its logging system is initialised by then
        log.start();
        root().addAppender(log);
        return server;
    }

    @AfterEach
    void releaseLog() {
        root().detachAppender(log);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static int port(ConfigurableApplicationContext server) {
        return server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
    }

    private static List<String> journal(ConfigurableApplicationContext app) {
        return app.getBean(Journal.class).seen;
    }

    private Connection connect(ConfigurableApplicationContext server) {
        return BjsonRpc.connect("127.0.0.1", port(server), HandlerFactory.NONE);
    }

    private static String errorOf(Connection client, String method, Object... args) {
        try {
            client.call(method, args);
        } catch (RemoteError e) {
            return e.getMessage();
        }
        throw new AssertionError(method + " did not fail");
    }

    /** The log events, of any logger, whose message or exception mentions the text. */
    private List<ILoggingEvent> logged(String text) {
        return log.list.stream().filter(event -> event.getFormattedMessage().contains(text)
            || mentions(event.getThrowableProxy(), text)).toList();
    }

    private static boolean mentions(IThrowableProxy thrown, String text) {
        return thrown != null && (String.valueOf(thrown.getMessage()).contains(text) || mentions(thrown.getCause(),
            text));
    }

    @Test
    void interceptorBeansRunInTheirOrderTheFirstOutermostOnTheConnectionsTheyAreFor() {
        ConfigurableApplicationContext server = server();
        try (Connection client = connect(server)) {
            journal(server).clear();

            assertThat(client.call("add2", 1, 2)).isEqualTo(3);

            assertThat(journal(server)).containsExactly("first>add2:CALL", "second>add2:CALL", "third>add2:CALL",
                "server-only>add2:CALL", "add2(1,2)", "<server-only", "<third", "<second", "<first");
        }
    }

    @Test
    void anInterceptorRefusesACallWithAnErrorReplyAndTheServiceDoesNotRun() {
        ConfigurableApplicationContext server = server();
        try (Connection client = connect(server)) {
            journal(server).clear();

            assertThat(errorOf(client, "secret")).isEqualTo("Refused: 'secret' is not for ACCEPTED");

            assertThat(journal(server)).doesNotContain("secret()").isEmpty();
        }
    }

    @Test
    void theMdcAnInterceptorSetsIsVisibleInTheService() {
        ConfigurableApplicationContext server = server();
        try (Connection client = connect(server)) {
            assertThat(client.call("mdc", "rpc.method")).isEqualTo("mdc");
        }
    }

    @Test
    void notificationsPipesAndMethodsOfExportedObjectsPassThroughTheInterceptors() {
        ConfigurableApplicationContext server = server();
        try (Connection client = connect(server)) {
            journal(server).clear();

            client.notify("note", "hello");
            assertThat(client.call("awaitNote")).isEqualTo(true);
            try (Pipe<Integer> pipe = client.pipe(Integer.class, "count", 2)) {
                assertThat(pipe.stream().limit(2)).containsExactly(1, 2);
            }
            RemoteObject counter = client.call(RemoteObject.class, "newCounter");
            assertThat(counter.call("increment")).isEqualTo(1);

            assertThat(journal(server)).containsSubsequence("first>note:NOTIFY", "note(hello)", "<first",
                "first>count:PIPE", "<first", "first>newCounter:CALL", "first>" + counter.name() + ".increment:CALL");
        }
    }

    @Test
    void callsIssuedAndCallsHandledOnAClientsConnectionPassThroughItsApplicationsInterceptors() {
        ConfigurableApplicationContext server = server();
        ConfigurableApplicationContext client = apps.start(ClientApp.class, "bjsonrpc.clients.calc.port=" + port(server));
        BjsonRpcClient calc = client.getBean("calcBjsonRpcClient", BjsonRpcClient.class);
        journal(server).clear();

        assertThat(calc.call("whoCalls")).isEqualTo("called by billing");
        calc.notify("note", "from billing");
        try (Pipe<Object> pipe = calc.pipe("count", 1)) {
            assertThat(pipe.stream().limit(1)).containsExactly(1);
        }

        assertThat(journal(client)).containsSubsequence("everywhere issues whoCalls:CALL[]",
            "calc-only issues whoCalls:CALL[]", "everywhere>clientName:CALL", "calc-only>clientName:CALL",
            "<calc-only", "<everywhere", "everywhere issues note:NOTIFY[from billing]",
            "calc-only issues note:NOTIFY[from billing]", "everywhere issues count:PIPE[1]",
            "calc-only issues count:PIPE[1]");
        assertThat(journal(client)).noneMatch(seen -> seen.startsWith("other-only"));
        // the server's service calls the client back: the server's interceptors see the call it issues
        assertThat(journal(server)).containsSubsequence("first>whoCalls:CALL", "first issues clientName:CALL[]",
            "server-only issues clientName:CALL[]", "<first");
        assertThat(journal(server)).noneMatch(seen -> seen.startsWith("clients-only"));
    }

    @Test
    void anExceptionHandlerBeanDecidesWhatThePeerIsTold() {
        ConfigurableApplicationContext server = server();
        try (Connection client = connect(server)) {
            assertThat(errorOf(client, "fail", "missing", "user 7")).isEqualTo("Not found: user 7");
        }
    }

    @Test
    void byDefaultAnUnexpectedExceptionTellsThePeerItsKindAndACorrelationIdThatItsOneLogLineRepeats() {
        ConfigurableApplicationContext server = server();
        String secret = "jdbc:postgresql://db.internal:5432/billing refused user app";
        try (Connection client = connect(server)) {
            String error = errorOf(client, "fail", "state", secret);

            Matcher reply = Pattern.compile("IllegalStateException \\(error ([0-9a-f]{8})\\)").matcher(error);
            assertThat(reply.matches()).as("the reply %s", error).isTrue();
            List<ILoggingEvent> lines = logged(secret);
            assertThat(lines).as("log lines of the failure").hasSize(1);
            assertThat(lines.get(0).getFormattedMessage()).contains("(error " + reply.group(1) + ")")
                .contains("'fail'");
            // what is sent as before: a ServerError's message, an argument TypeError
            assertThat(errorOf(client, "fail", "server", "Quota exceeded")).isEqualTo("Quota exceeded");
            assertThat(errorOf(client, "add2", 1)).startsWith("TypeError: Calculator.add2()");
        }
    }

    @Test
    void fullDetailsSendTheReferencesKindAndMessage() {
        // without a correlation id, a failure whose type failed within the minute is logged at DEBUG
        ConfigurableApplicationContext server = server("bjsonrpc.errors.details=full",
            "logging.level.io.github.bjsonrpc.dispatch=DEBUG");
        try (Connection client = connect(server)) {
            assertThat(errorOf(client, "fail", "state", "db.internal refused"))
                .isEqualTo("IllegalStateException: db.internal refused");
            assertThat(errorOf(client, "fail", "missing", "user 7")).isEqualTo("Not found: user 7");
            assertThat(logged("db.internal refused")).hasSize(1);
        }
    }

    @Test
    void connectionFilterBeansDecideWhichConnectionsAreServedEveryOneMustAccept() {
        ConfigurableApplicationContext server = server();
        Gate gate = server.getBean(Gate.class);

        gate.open.set(false);
        try (RawPeer refused = RawPeer.connect(port(server))) {
            assertThat(refused.readLine()).as("the refused connection is closed").isNull();
            assertThat(gate.seen).anyMatch(seen -> seen.endsWith(":" + refused.localPort()));
        }
        gate.open.set(true);
        try (Connection client = connect(server)) {
            assertThat(client.call("add2", 2, 2)).isEqualTo(4);
        }
    }
}

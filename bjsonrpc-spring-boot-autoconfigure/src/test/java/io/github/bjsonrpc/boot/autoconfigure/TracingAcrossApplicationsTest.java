package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.autoconfigure.observation.BjsonRpcObservationAutoConfiguration;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Two applications with Micrometer Tracing on Brave, a real tracer: one call from the first to the second, which
 * calls the first back before it answers, is one trace: each side's span is the child of the span that called it,
 * across both connections' directions, and a failed call's span carries its error.
 */
class TracingAcrossApplicationsTest {

    /** The called application's service: asks its caller who it is before it answers. */
    @BjsonRpcService
    public static class Greeter {
        private final Connection connection;

        public Greeter(Connection connection) {
            this.connection = connection;
        }

        public String greet(String greeting) {
            return greeting + ", " + connection.call("whoami");
        }

        public void fail() {
            throw new IllegalStateException("no greeting today");
        }
    }

    /** What the calling application publishes on its client's connections. */
    @BjsonRpcService(server = false, clients = "greeter")
    public static class Caller {
        public String whoami() {
            return "caller";
        }
    }

    /** One finished span as Brave reports it. */
    record Finished(String application, String name, String kind, String traceId, String id, String parentId,
            String error) {
    }

    /** Collects the spans of one application. */
    @Configuration(proxyBeanMethods = false)
    static class Spans {
        static final List<Finished> FINISHED = new CopyOnWriteArrayList<>();

        @Bean
        SpanHandler collectingSpanHandler(org.springframework.core.env.Environment environment) {
            String application = environment.getProperty("spring.application.name");
            return new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    FINISHED.add(new Finished(application, span.name(), String.valueOf(span.kind()),
                        context.traceIdString(), context.spanIdString(), context.parentIdString(),
                        span.error() == null ? null : span.error().getClass().getSimpleName()));
                    return true;
                }
            };
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BjsonRpcAutoConfiguration.class,
            BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class, SslAutoConfiguration.class,
            ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
            BraveAutoConfiguration.class, BjsonRpcObservationAutoConfiguration.class))
        .withUserConfiguration(Spans.class)
        .withPropertyValues("management.tracing.sampling.probability=1.0");

    @Test
    void oneCallAndItsCallBackAreOneTraceAcrossTwoApplications() {
        Spans.FINISHED.clear();
        runner.withUserConfiguration(Greeter.class)
            .withPropertyValues("spring.application.name=called", "bjsonrpc.server.port=0")
            .run(called -> {
                int port = called.getBean(BjsonRpcServerLifecycle.class).server().port();
                runner.withUserConfiguration(Caller.class)
                    .withPropertyValues("spring.application.name=calling", "bjsonrpc.server.enabled=false",
                        "bjsonrpc.clients.greeter.port=" + port)
                    .run(calling -> {
                        BjsonRpcClient greeter = calling.getBean("greeter", BjsonRpcClient.class);
                        ObservationRegistry observations = calling.getBean(ObservationRegistry.class);
                        Object greeted = Observation.createNotStarted("greeting", observations)
                            .observe(() -> greeter.call("greet", "hello"));
                        assertThat(greeted).isEqualTo("hello, caller");
                        Observation.createNotStarted("failing", observations).observe(() ->
                            assertThatThrownBy(() -> greeter.call("fail"))
                                .isInstanceOf(RemoteError.class));
                        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Spans.FINISHED)
                            .extracting(Finished::name).contains("greeting", "call greet", "handle greet",
                                "call whoami", "handle whoami", "failing", "call fail", "handle fail"));
                        assertThat(calling.getBean(MeterRegistry.class).get("bjsonrpc.issued")
                            .tag("error", "RemoteError").timer().count()).isOne();
                    });
            });
        Finished root = span("calling", "greeting");
        Finished call = span("calling", "call greet");
        Finished handle = span("called", "handle greet");
        Finished callBack = span("called", "call whoami");
        Finished handleCallBack = span("calling", "handle whoami");
        assertThat(List.of(call, handle, callBack, handleCallBack)).extracting(Finished::traceId)
            .containsOnly(root.traceId());
        assertThat(call.parentId()).isEqualTo(root.id());
        assertThat(handle.parentId()).isEqualTo(call.id());
        assertThat(callBack.parentId()).isEqualTo(handle.id());
        assertThat(handleCallBack.parentId()).isEqualTo(callBack.id());
        assertThat(List.of(call.kind(), handle.kind(), callBack.kind(), handleCallBack.kind()))
            .containsExactly("CLIENT", "SERVER", "CLIENT", "SERVER");
        Finished failing = span("calling", "failing");
        Finished failedCall = span("calling", "call fail");
        Finished failedHandle = span("called", "handle fail");
        assertThat(failedHandle.traceId()).isEqualTo(failing.traceId()).isNotEqualTo(root.traceId());
        assertThat(failedHandle.error()).isEqualTo("IllegalStateException");
        assertThat(failedCall.error()).isEqualTo("RemoteError");
    }

    private static Finished span(String application, String name) {
        return Spans.FINISHED.stream().filter(span -> span.application().equals(application)
                && span.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no span '" + name + "' in " + application + ": " + Spans.FINISHED));
    }
}

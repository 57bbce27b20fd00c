package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.boot.client.BjsonRpcClientsRegistrar;
import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;

/**
 * An application processed ahead of time, as {@code process-aot} does, then started from the generated code: its
 * configured client, its typed client and its service work; and the runtime hints a native image needs for them are
 * registered.
 */
@CompileWithForkedClassLoader
class AheadOfTimeTest {

    /** What the service takes and returns: bound by Jackson. */
    public record Addition(int a, int b) {
    }

    /** A result. */
    public record Sum(int total, Instant at) {
    }

    /** An object handed out by reference. */
    @Exported
    public static class Tally {
        public List<Integer> entries() {
            return List.of(1, 2);
        }
    }

    /** The service. */
    @BjsonRpcService
    public static class Calculator {
        public Sum add(Addition addition) {
            return new Sum(addition.a() + addition.b(), Instant.EPOCH);
        }

        public int add2(int a, int b) {
            return a + b;
        }

        public Tally tally() {
            return new Tally();
        }
    }

    /** The typed client of the application's own server. */
    public interface CalculatorApi {
        int add2(int a, int b);
    }

    /** Gets both kinds of client at start-up. */
    public static class Billing {
        final CalculatorApi calculator;
        final BjsonRpcClient calc;

        public Billing(CalculatorApi calculator, @Qualifier("calc") BjsonRpcClient calc) {
            this.calculator = calculator;
            this.calc = calc;
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({Calculator.class, Billing.class})
    @ImportBjsonRpcClients(client = "calc", types = CalculatorApi.class)
    public static class App {
    }

    private static void configure(ConfigurableEnvironment environment) {
        TestPropertyValues.of("bjsonrpc.server.port=0", "bjsonrpc.clients.calc.port=${local.bjsonrpc.server.port}",
            "bjsonrpc.clients.calc.connect-on-startup=true").applyTo(environment);
    }

    @Test
    void theApplicationStartsFromTheGeneratedCode() {
        GenericApplicationContext processed = new GenericApplicationContext();
        configure(processed.getEnvironment());
        AnnotationConfigUtils.registerAnnotationConfigProcessors(processed);
        processed.registerBean(App.class);
        TestGenerationContext generation = new TestGenerationContext();
        ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(processed, generation);
        generation.writeGeneratedContent();

        TestCompiler.forSystem().with(generation).compile(compiled -> {
            GenericApplicationContext context = new GenericApplicationContext();
            configure(context.getEnvironment());
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> generated = compiled.getInstance(
                ApplicationContextInitializer.class, initializer.reflectionName());
            generated.initialize(context);
            context.refresh();
            try {
                assertThat(context.getBeanNamesForType(BjsonRpcClientsRegistrar.class)).isEmpty();
                Billing billing = context.getBean(Billing.class);
                assertThat(billing.calc.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);
                assertThat(billing.calculator.add2(2, 3)).isEqualTo(5);
                assertThat(billing.calc.call("add", new Addition(20, 22))).isEqualTo(
                    java.util.Map.of("total", 42, "at", "1970-01-01T00:00:00Z"));
                assertThat(context.getBean("calc")).isSameAs(billing.calc);
            } finally {
                context.close();
            }
        });

        RuntimeHints hints = generation.getRuntimeHints();
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "add")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Calculator.class, "add2")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Tally.class, "entries")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Addition.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Sum.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(CalculatorApi.class)).accepts(hints);
    }
}

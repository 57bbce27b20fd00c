package io.github.bjsonrpc.benchmarks.spring;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bjsonrpc.benchmarks.contract.InlineMode;
import io.github.bjsonrpc.benchmarks.contract.Launcher;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * The Spring Boot application as users ship it: the bjsonrpc starter and Actuator with Micrometer (observation and
 * metrics on), every property at its default but the port, a free one so that runs never collide. It publishes the load-test contract ({@link LoadContractService}) and follows the {@link Launcher}
 * protocol; the argument {@value InlineMode#ARGUMENT} turns on the inline mode.
 */
@SpringBootApplication
public class BenchApplication {

    /**
     * @param args {@value InlineMode#ARGUMENT} or nothing
     */
    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of("--bjsonrpc.server.port=0"));
        if (InlineMode.requested(args)) {
            arguments.addAll(InlineMode.springArguments());
        }
        ConfigurableApplicationContext context = SpringApplication.run(BenchApplication.class,
            arguments.toArray(String[]::new));
        Launcher.announce(context.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY,
            Integer.class));
        Launcher.awaitParentGone();
        System.exit(SpringApplication.exit(context));
    }
}

package io.github.bjsonrpc.boot.test.autoconfigure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.client.ImportBjsonRpcClients;

/**
 * An application as users write them: a service on its server, and a client configured for production
 * ({@code bjsonrpc.clients.calc} on {@code calc.invalid}, see {@code application.properties} of the tests) whose
 * typed proxy other beans use.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SampleApp.Calculator.class)
@ImportBjsonRpcClients(client = "calc", types = SampleApp.CalculatorApi.class)
public class SampleApp {

    /** The service. */
    @BjsonRpcService
    public static class Calculator {
        public int add2(int a, int b) {
            return a + b;
        }
    }

    /** The typed client. */
    public interface CalculatorApi {
        int add2(int a, int b);
    }
}

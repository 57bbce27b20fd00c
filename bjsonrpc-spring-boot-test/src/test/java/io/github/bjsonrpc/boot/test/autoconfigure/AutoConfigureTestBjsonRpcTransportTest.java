package io.github.bjsonrpc.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * A user's test: the application's server on a free port, read with {@link LocalBjsonRpcServerPort}, and its
 * configured client, which points at {@code calc.invalid:10123}, calling the application's own server instead.
 */
@SpringBootTest(classes = SampleApp.class)
@AutoConfigureTestBjsonRpcTransport
class AutoConfigureTestBjsonRpcTransportTest {

    @LocalBjsonRpcServerPort
    int port;

    @Autowired
    BjsonRpcServerLifecycle server;

    @Autowired
    SampleApp.CalculatorApi calculator;

    @Autowired
    @Qualifier("calc")
    BjsonRpcClient calc;

    @Test
    void theServerRunsOnAFreePortThatTheTestReads() {
        assertThat(port).isPositive().isNotEqualTo(BjsonRpc.DEFAULT_PORT).isEqualTo(server.server().port());
        try (Connection connection = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
            assertThat(connection.call("add2", 2, 2)).isEqualTo(4);
        }
    }

    @Test
    void theConfiguredClientCallsTheApplicationsOwnServer() {
        assertThat(calculator.add2(20, 22)).isEqualTo(42);
        assertThat(calc.host()).isEqualTo("127.0.0.1");
        assertThat(calc.port()).isEqualTo(port);
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/** A test reads the free port the server bound, as it reads {@code @LocalServerPort}. */
@SpringBootTest(classes = ServerAndClientAppsTest.ServerApp.class, properties = "bjsonrpc.server.port=0")
class LocalBjsonRpcServerPortTest {

    @LocalBjsonRpcServerPort
    int port;

    @Autowired
    BjsonRpcServerLifecycle lifecycle;

    @Test
    void theAnnotatedFieldHoldsTheBoundPort() {
        assertThat(port).isPositive().isEqualTo(lifecycle.server().port());
        try (Connection connection = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
            assertThat(connection.call("add2", 2, 2)).isEqualTo(4);
        }
    }
}

package io.github.bjsonrpc.demo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.bjsonrpc.boot.test.autoconfigure.LocalBjsonRpcServerPort;
import io.github.bjsonrpc.support.ServerReplay;

/** The threaded recording, against the demo configured for more than one request at a time per connection. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"bjsonrpc.server.port=0", "bjsonrpc.server.max-concurrency=4"})
class DemoThreadedDispatchTest {

    @LocalBjsonRpcServerPort
    int port;

    @Test
    void threadedDispatch() {
        ServerReplay.replay(port, "threaded_dispatch");
    }
}

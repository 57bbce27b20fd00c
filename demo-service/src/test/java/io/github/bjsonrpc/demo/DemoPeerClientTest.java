package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ServerError;

/**
 * The demo as a client: its {@code peer} client, pointed by one property at another server that calls back the
 * demo's client-side methods, as the reference test server does; {@code POST /peer/{method}} answers the peer's
 * errors and timeouts with a status and a body saying so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"bjsonrpc.server.port=0", "bjsonrpc.clients.peer.call-timeout=5s"})
class DemoPeerClientTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** The other server: it asks its client for its name and a sum, sends it a note, fails, or never answers. */
    public static class CallingBackServer {
        public String askClient(Object x, Connection connection) {
            return connection.call("clientName") + ":" + connection.call("clientAdd", x, 10);
        }

        public String notifyMe(String text, Connection connection) {
            connection.notify("clientNote", text);
            return "sent";
        }

        public void fail(String reason) {
            throw new ServerError(reason);
        }

        public String hang() throws InterruptedException {
            RELEASE.await();
            return "released";
        }
    }

    private static final BjsonRpcServer OTHER = BjsonRpc.createServer("127.0.0.1", 0, c -> new CallingBackServer());

    @DynamicPropertySource
    static void pointThePeerClientAtTheOtherServer(DynamicPropertyRegistry registry) {
        registry.add("bjsonrpc.clients.peer.port", OTHER::port);
    }

    @AfterAll
    static void stopTheOtherServer() {
        RELEASE.countDown();
        OTHER.stop();
    }

    @LocalServerPort
    int httpPort;

    @Test
    void theDemoAnswersTheServerItCalls() throws Exception {
        assertThat(post("/peer/askClient", "[5]")).isEqualTo("demo-client:15");
        // the demo's client takes the server's notification while it waits for the reply
        assertThat(post("/peer/notifyMe", "[\"hello\"]")).isEqualTo("sent");
        assertThat(OTHER.connections()).hasSize(1);
    }

    @Test
    void thePeersErrorIsABadGatewayWithItsText() throws Exception {
        HttpResponse<String> failed = HttpPost.json(httpPort, "/peer/fail", "[\"no such order\"]");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).isEqualTo("{\"error\":\"no such order\"}");

        HttpResponse<String> unknown = HttpPost.json(httpPort, "/peer/nosuch", "[]");
        assertThat(unknown.statusCode()).isEqualTo(502);
        assertThat(unknown.body()).contains("nosuch");
    }

    @Test
    void noReplyWithinTheCallTimeoutIsAGatewayTimeout() throws Exception {
        try {
            HttpResponse<String> late = HttpPost.json(httpPort, "/peer/hang", "[]");
            assertThat(late.statusCode()).isEqualTo(504);
            assertThat(late.body()).startsWith("{\"error\":").contains("hang");
        } finally {
            RELEASE.countDown();
        }
    }

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = HttpPost.json(httpPort, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}

package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;

/**
 * The demo as a client: its {@code peer} client, pointed by one property at another server that calls back the
 * demo's client-side methods, as the reference test server does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bjsonrpc.server.port=0")
class DemoPeerClientTest {

    /** The other server: it asks its client for its name and a sum, and sends it a note. */
    public static class CallingBackServer {
        public String askClient(Object x, Connection connection) {
            return connection.call("clientName") + ":" + connection.call("clientAdd", x, 10);
        }

        public String notifyMe(String text, Connection connection) {
            connection.notify("clientNote", text);
            return "sent";
        }
    }

    private static final BjsonRpcServer OTHER = BjsonRpc.createServer("127.0.0.1", 0, c -> new CallingBackServer());

    @DynamicPropertySource
    static void pointThePeerClientAtTheOtherServer(DynamicPropertyRegistry registry) {
        registry.add("bjsonrpc.clients.peer.port", OTHER::port);
    }

    @AfterAll
    static void stopTheOtherServer() {
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

    private String post(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}

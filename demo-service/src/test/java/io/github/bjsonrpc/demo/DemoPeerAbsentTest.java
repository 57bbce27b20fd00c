package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code POST /peer/{method}} while nothing listens where the {@code peer} client points: 503 saying so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bjsonrpc.server.port=0")
class DemoPeerAbsentTest {

    /** Holds a loopback port without listening on it: connecting to it is refused, and nobody else takes it. */
    private static final Socket NOBODY = bound();

    private static Socket bound() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return socket;
    }

    @DynamicPropertySource
    static void pointThePeerClientWhereNothingListens(DynamicPropertyRegistry registry) {
        registry.add("bjsonrpc.clients.peer.port", NOBODY::getLocalPort);
    }

    @AfterAll
    static void releaseThePort() throws IOException {
        NOBODY.close();
    }

    @LocalServerPort
    int httpPort;

    @Test
    void anAbsentPeerIsServiceUnavailableNamingItsAddress() throws Exception {
        HttpResponse<String> response = HttpPost.json(httpPort, "/peer/askClient", "[5]");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
            assertThat(type).startsWith("application/json"));
        assertThat(response.body())
            .startsWith("{\"error\":\"peer not reachable at 127.0.0.1:" + NOBODY.getLocalPort() + ": ")
            .contains("refused");
    }
}

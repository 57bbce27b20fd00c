package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * The {@code bjsonrpc} endpoint over real HTTP: read by default, and closing a connection, a write, only when
 * {@code management.endpoint.bjsonrpc.access=unrestricted} allows it.
 */
class EndpointAccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "bjsonrpc.server.port=0",
            "management.endpoints.web.exposure.include=bjsonrpc"));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ServerAndClientAppsTest.ServerApp.class)
            .web(WebApplicationType.SERVLET).properties(all.toArray(String[]::new)).run();
        contexts.add(context);
        return context;
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port")
            + path);
        return HTTP.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect(ConfigurableApplicationContext context) {
        return BjsonRpc.connect("127.0.0.1", context.getEnvironment()
            .getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class), HandlerFactory.NONE);
    }

    private static long onlyConnectionId(ConfigurableApplicationContext context) throws Exception {
        String report = send(context, "GET", "/actuator/bjsonrpc").body();
        String id = report.replaceAll("(?s).*\"connections\":\\[\\{\"id\":(\\d+).*", "$1");
        return Long.parseLong(id);
    }

    @Test
    void byDefaultTheEndpointIsReadOnly() throws Exception {
        ConfigurableApplicationContext context = start();
        try (Connection connection = connect(context)) {
            assertThat(connection.call("add2", 1, 1)).isEqualTo(2);
            assertThat(send(context, "GET", "/actuator/bjsonrpc").statusCode()).isEqualTo(200);

            HttpResponse<String> close = send(context, "POST", "/actuator/bjsonrpc/" + onlyConnectionId(context));
            assertThat(close.statusCode()).isBetween(400, 499);
            assertThat(connection.isOpen()).isTrue();
            assertThat(connection.call("add2", 2, 2)).isEqualTo(4);
        }
    }

    @Test
    void unrestrictedAccessLetsItCloseAConnection() throws Exception {
        ConfigurableApplicationContext context = start("management.endpoint.bjsonrpc.access=unrestricted");
        try (Connection connection = connect(context)) {
            assertThat(connection.call("add2", 1, 1)).isEqualTo(2);

            HttpResponse<String> close = send(context, "POST", "/actuator/bjsonrpc/" + onlyConnectionId(context));
            assertThat(close.statusCode()).isEqualTo(200);
            assertThat(close.body()).contains("\"closed\":true");
            await().atMost(Duration.ofSeconds(10)).until(() -> !connection.isOpen());
        }
    }
}

package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * The demo as two instances and a client over both, as the README runs it, in a module without Spring Cloud: the
 * client's calls spread over the two through {@code POST /peer/whoami}, and when one stops every call goes to the
 * other.
 */
class DemoSeveralInstancesTest {

    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
    }

    /** Starts the demo with these settings as command-line arguments, above its application.yml, as the README. */
    private ConfigurableApplicationContext demo(String... properties) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DemoApplication.class)
            .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
        apps.add(app);
        return app;
    }

    private static int port(ConfigurableApplicationContext app, String property) {
        return app.getEnvironment().getRequiredProperty(property, Integer.class);
    }

    private static String whoami(int httpPort) throws Exception {
        return HttpPost.json(httpPort, "/peer/whoami", "[]").body();
    }

    @Test
    void twoInstancesAndAClient() throws Exception {
        ConfigurableApplicationContext first = demo("bjsonrpc.server.port=0", "spring.main.web-application-type=none");
        ConfigurableApplicationContext second = demo("bjsonrpc.server.port=0", "spring.main.web-application-type=none");
        int firstPort = port(first, BjsonRpcServerPortInfoListener.PROPERTY);
        int secondPort = port(second, BjsonRpcServerPortInfoListener.PROPERTY);
        ConfigurableApplicationContext client = demo("bjsonrpc.server.port=0", "server.port=0",
            "bjsonrpc.clients.peer.addresses=127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort,
            "bjsonrpc.clients.peer.connect-on-startup=true");
        int http = port(client, "local.server.port");
        BjsonRpcClient peer = client.getBean("peer", BjsonRpcClient.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.instances().stream()
            .allMatch(i -> i.state() == BjsonRpcClient.State.CONNECTED));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(whoami(http));
        }
        assertThat(answers).containsExactlyInAnyOrder("demo on port " + firstPort,
            "demo on port " + firstPort, "demo on port " + secondPort,
            "demo on port " + secondPort);

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.instances().get(0).state()
            == BjsonRpcClient.State.DISCONNECTED);
        for (int i = 0; i < 4; i++) {
            assertThat(whoami(http)).isEqualTo("demo on port " + secondPort);
        }
    }
}

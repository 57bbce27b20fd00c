package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;

/**
 * SSL bundles that reload ({@code reload-on-update}): when the server's and a client's certificates are rotated on
 * disk, new connections use the new ones without a restart, and connections already open go on with theirs.
 */
class SslBundleReloadTest {

    @RegisterExtension
    final Apps apps = new Apps();

    private ConfigurableApplicationContext start(Class<?> app, String... properties) {
        return apps.start(app, properties);
    }

    private static void keyPair(Path dir, String store, String name) throws Exception {
        Keytool.run(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity",
            "2", "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", store);
        Keytool.run(dir, "-exportcert", "-alias", name, "-keystore", store, "-file", name + ".crt");
        Keytool.run(dir, "-importcert", "-noprompt", "-alias", name, "-file", name + ".crt", "-keystore",
            "trust.p12");
    }

    private static String[] bundle(String prefix, String name, Path keystore, Path dir) {
        String bundle = "spring.ssl.bundle.jks." + name;
        return new String[] {prefix + ".ssl.bundle=" + name, bundle + ".reload-on-update=true",
            bundle + ".keystore.location=file:" + keystore, bundle + ".keystore.password=" + Keytool.PASSWORD,
            bundle + ".truststore.location=file:" + dir.resolve("trust.p12"),
            bundle + ".truststore.password=" + Keytool.PASSWORD, "spring.ssl.bundle.watch.file.quiet-period=100ms"};
    }

    private static String peerName(Connection connection) {
        return connection.principal().map(Principal::getName).orElse("none");
    }

    @Test
    void rotatedCertificatesApplyToNewConnectionsWithoutARestart(@TempDir Path dir) throws Exception {
        keyPair(dir, "server-one.p12", "server-one");
        keyPair(dir, "server-two.p12", "server-two");
        keyPair(dir, "client-one.p12", "client-one");
        keyPair(dir, "client-two.p12", "client-two");
        Files.createDirectories(dir.resolve("server"));
        Files.createDirectories(dir.resolve("client"));
        Path serverStore = Files.copy(dir.resolve("server-one.p12"), dir.resolve("server/server.p12"));
        Path clientStore = Files.copy(dir.resolve("client-one.p12"), dir.resolve("client/client.p12"));

        List<String> serverProperties = new ArrayList<>(List.of("bjsonrpc.server.port=0",
            "bjsonrpc.server.ssl.client-auth=need"));
        serverProperties.addAll(List.of(bundle("bjsonrpc.server", "server", serverStore, dir)));
        ConfigurableApplicationContext server = start(ServerAndClientAppsTest.ServerApp.class,
            serverProperties.toArray(String[]::new));
        int port = server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY,
            Integer.class);

        List<String> clientProperties = new ArrayList<>(List.of("bjsonrpc.server.enabled=false",
            "bjsonrpc.clients.calc.port=" + port, "bjsonrpc.clients.calc.reconnect.initial-delay=100ms"));
        clientProperties.addAll(List.of(bundle("bjsonrpc.clients.calc", "billing", clientStore, dir)));
        BjsonRpcClient steady = start(ServerAndClientAppsTest.ClientApp.class,
            clientProperties.toArray(String[]::new)).getBean("calc", BjsonRpcClient.class);
        BjsonRpcClient renewed = start(ServerAndClientAppsTest.ClientApp.class,
            clientProperties.toArray(String[]::new)).getBean("calc", BjsonRpcClient.class);

        Connection before = steady.connection();
        assertThat(peerName(before)).isEqualTo("CN=server-one");
        assertThat(before.call("whoAmI")).isEqualTo("CN=client-one");

        Files.copy(dir.resolve("server-two.p12"), serverStore, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("client-two.p12"), clientStore, StandardCopyOption.REPLACE_EXISTING);

        // once both bundles have reloaded, a new connection presents and sees the new certificates
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Connection current = renewed.connection();
            if (peerName(current).equals("CN=server-two") && current.call("whoAmI").equals("CN=client-two")) {
                return true;
            }
            current.close();
            return false;
        });

        // the connection open before goes on with the certificates it started with
        assertThat(before.isOpen()).isTrue();
        assertThat(peerName(before)).isEqualTo("CN=server-one");
        assertThat(before.call("whoAmI")).isEqualTo("CN=client-one");
        assertThat(before.call("add2", 1, 2)).isEqualTo(3);
    }
}

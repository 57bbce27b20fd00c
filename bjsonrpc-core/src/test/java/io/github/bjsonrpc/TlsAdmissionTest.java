package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.ServerHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/** A connection is admitted once its TLS handshake is done: {@code connect} returns then, or fails with the reason. */
class TlsAdmissionTest {

    private static final char[] PASSWORD = "secret1".toCharArray();

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @TempDir
    Path dir;

    @Test
    void connectReturnsOnceTheHandshakeIsDoneAndFailsWhenItFails() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12");
        keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "trust.p12");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=someone-else", "-keystore", "other.p12");
        keytool("-exportcert", "-alias", "other", "-keystore", "other.p12", "-file", "other.crt");
        keytool("-importcert", "-noprompt", "-alias", "other", "-file", "other.crt", "-keystore", "wrong.p12");

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load("server.p12"), PASSWORD);
        SslContext serverTls = SslContextBuilder.forServer(keys).build();
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0).sslContext(serverTls)
            .handlerFactory(c -> new ServerHandler()).start());

        BjsonRpcClient trusting = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port())
            .sslContext(clientTls("trust.p12")).reconnect(Reconnect.never()).build());
        Connection connection = trusting.connect();
        assertThat(connection.isOpen()).isTrue();
        assertThat(connection.call("ping")).isEqualTo("pong");
        assertThat(server.connections()).hasSize(1);

        BjsonRpcClient distrusting = cleanup.track(BjsonRpcClient.builder("127.0.0.1", server.port())
            .sslContext(clientTls("wrong.p12")).reconnect(Reconnect.never()).build());
        assertThatThrownBy(distrusting::connect).isInstanceOf(BjsonRpcException.class)
            .hasMessageContaining("Cannot connect to 127.0.0.1:" + server.port());
        assertThat(server.connections()).hasSize(1);
    }

    private SslContext clientTls(String trustStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        return SslContextBuilder.forClient().trustManager(trust).build();
    }

    private KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process keytool = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }
}

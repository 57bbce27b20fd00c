package io.github.bjsonrpc.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Two self-signed identities made with the JDK's {@code keytool}: a server's, valid for 127.0.0.1 and localhost,
 * and an unrelated authority's. Clients trust one or the other. Made once per test run, and never changed.
 */
public final class Certificates {

    private static final char[] PASSWORD = "secret1".toCharArray();

    private final KeyStore server;
    private final KeyStore other;

    private Certificates(KeyStore server, KeyStore other) {
        this.server = server;
        this.other = other;
    }

    /** The identities, made on first use. */
    public static Certificates shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final Certificates INSTANCE = create();

        private static Certificates create() {
            try {
                Path dir = Files.createTempDirectory("certificates");
                try {
                    return new Certificates(identity(dir, "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost"),
                        identity(dir, "other", "CN=Another Authority", "BC=ca:true"));
                } finally {
                    try (Stream<Path> files = Files.list(dir)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(dir);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot make test certificates", e);
            }
        }
    }

    /** A server-side TLS context presenting the server's certificate. */
    public SslContext server() throws GeneralSecurityException, IOException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(server, PASSWORD);
        return SslContextBuilder.forServer(keys).build();
    }

    /** A client-side TLS context trusting the server's certificate. */
    public SslContext clientTrustingServer() throws GeneralSecurityException, IOException {
        return clientTrusting(server, "server");
    }

    /** A client-side TLS context trusting only the unrelated authority, not the server. */
    public SslContext clientTrustingAnotherAuthority() throws GeneralSecurityException, IOException {
        return clientTrusting(other, "other");
    }

    private static SslContext clientTrusting(KeyStore identity, String alias)
            throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(alias, identity.getCertificate(alias));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return SslContextBuilder.forClient().trustManager(trust).build();
    }

    private static KeyStore identity(Path dir, String alias, String subject, String extension) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", subject, "-ext", extension, "-keystore", file.toString(),
            "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}

package io.github.bjsonrpc.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.RemoteError;
import io.github.bjsonrpc.boot.security.BjsonRpcClientCredentials;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;
import io.github.bjsonrpc.boot.server.BjsonRpcServerPortInfoListener;
import io.github.bjsonrpc.support.RawPeer;

/**
 * A server application secured with a real Spring Security configuration (users, an authentication manager,
 * method security) and the peers that call it: a reference-protocol peer on a raw socket that authenticates with the
 * handshake, a client application that sends its credentials on each connection, a TLS client whose certificate
 * authenticates it, and peers that do not authenticate.
 */
class SpringSecurityAppsTest {

    /** The secured service. */
    @BjsonRpcService
    public static class Vault {
        public String whoAmI() {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication == null ? "anonymous" : authentication.getName();
        }

        @Secured("ROLE_USER")
        public String balance() {
            return "42";
        }

        @PreAuthorize("hasRole('ADMIN')")
        public String audit() {
            return "audited by " + whoAmI();
        }

        public String open() {
            return "open";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Users {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}alice-pw").roles("USER").build(),
                User.withUsername("bob").password("{noop}bob-pw").roles("USER", "ADMIN").build());
        }

        @Bean
        AuthenticationManager authenticationManager(UserDetailsService users) {
            PreAuthenticatedAuthenticationProvider certificates = new PreAuthenticatedAuthenticationProvider();
            certificates.setPreAuthenticatedUserDetailsService(new UserDetailsByNameServiceWrapper<>(users));
            return new ProviderManager(new DaoAuthenticationProvider(users), certificates);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity(securedEnabled = true)
    @Import({Vault.class, Users.class})
    static class VaultApp {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ClientApp {
    }

    /** A client application whose credentials come from a bean, asked for every connection. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CredentialsBeanClientApp {
        final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        @Bean
        BjsonRpcClientCredentials vaultCredentials() {
            return client -> {
                asked.incrementAndGet();
                return client.equals("vault") ? new BjsonRpcClientCredentials.Credentials("alice", "alice-pw") : null;
            };
        }
    }

    @RegisterExtension
    final Apps apps = new Apps();

    private ConfigurableApplicationContext server(String... properties) {
        List<String> all = new ArrayList<>(List.of("bjsonrpc.server.port=0"));
        all.addAll(List.of(properties));
        return apps.start(VaultApp.class, all.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext server) {
        return server.getEnvironment().getRequiredProperty(BjsonRpcServerPortInfoListener.PROPERTY, Integer.class);
    }

    private static String errorOf(Connection client, String method, Object... args) {
        try {
            client.call(method, args);
        } catch (RemoteError e) {
            return e.getMessage();
        }
        throw new AssertionError(method + " did not fail");
    }

    @Test
    void aReferencePeerAuthenticatesWithTheHandshakeAndItsCallsRunAsThatUser() {
        try (RawPeer peer = RawPeer.connect(port(server()))) {
            peer.send("{\"method\":\"authenticate\",\"params\":[\"alice\",\"alice-pw\"],\"id\":1}");
            // Spring Security 7 adds the factor the user authenticated with to the authorities
            assertThat(peer.readLine()).isEqualTo("{\"result\":{\"name\":\"alice\",\"authorities\":"
                + "[\"FACTOR_PASSWORD\",\"ROLE_USER\"]},\"error\":null,\"id\":1}");
            peer.send("{\"method\":\"whoAmI\",\"id\":2}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"alice\",\"error\":null,\"id\":2}");
            peer.send("{\"method\":\"balance\",\"id\":3}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":\"42\",\"error\":null,\"id\":3}");
            peer.send("{\"method\":\"audit\",\"id\":4}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"Access denied\",\"id\":4}");
        }
    }

    @Test
    void aConnectionThatDidNotAuthenticateIsDeniedWhatNeedsAnAuthentication() {
        try (Connection peer = BjsonRpc.connect("127.0.0.1", port(server()), HandlerFactory.NONE)) {
            assertThat(peer.call("whoAmI")).isEqualTo("anonymous");
            assertThat(peer.call("open")).isEqualTo("open");
            assertThat(errorOf(peer, "balance")).isEqualTo("Access denied: not authenticated");
            assertThat(errorOf(peer, "authenticate", "alice", "wrong")).isEqualTo("Authentication failed");
            assertThat(peer.call("whoAmI")).isEqualTo("anonymous");
        }
    }

    @Test
    void requiringAuthenticationRefusesEveryCallBeforeTheHandshake() {
        try (Connection peer = BjsonRpc.connect("127.0.0.1",
                port(server("bjsonrpc.security.require-authentication=true")), HandlerFactory.NONE)) {
            assertThat(errorOf(peer, "open")).isEqualTo("Access denied: not authenticated");

            peer.call("authenticate", "bob", "bob-pw");

            assertThat(peer.call("open")).isEqualTo("open");
            assertThat(peer.call("audit")).isEqualTo("audited by bob");
        }
    }

    @Test
    void turnedOffTheConnectionsAreLeftOutOfSpringSecurity() {
        try (Connection peer = BjsonRpc.connect("127.0.0.1", port(server("bjsonrpc.security.enabled=false")),
                HandlerFactory.NONE)) {
            assertThat(errorOf(peer, "authenticate", "alice", "alice-pw")).isEqualTo("Unknown method 'authenticate'");
            assertThat(errorOf(peer, "balance")).startsWith("AuthenticationCredentialsNotFoundException (error ");
        }
    }

    @Test
    void aClientApplicationSendsItsCredentialsOnEveryConnectionItOpens() {
        ConfigurableApplicationContext server = server("bjsonrpc.security.require-authentication=true");
        ConfigurableApplicationContext client = apps.start(ClientApp.class, "bjsonrpc.server.enabled=false",
            "bjsonrpc.clients.vault.port=" + port(server), "bjsonrpc.clients.vault.credentials.username=bob",
            "bjsonrpc.clients.vault.credentials.password=bob-pw",
            "bjsonrpc.clients.vault.reconnect.initial-delay=100ms", "bjsonrpc.clients.vault.reconnect.max-delay=200ms");
        BjsonRpcClient vault = client.getBean("vaultBjsonRpcClient", BjsonRpcClient.class);

        assertThat(vault.call("audit")).isEqualTo("audited by bob");
        long first = vault.connection().id();

        server.getBean(BjsonRpcServerLifecycle.class).server().connections().forEach(Connection::close);

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            assertThat(vault.connection().id()).isNotEqualTo(first);
            assertThat(vault.call("whoAmI")).isEqualTo("bob");
        });
    }

    @Test
    void aCredentialsBeanIsAskedForEveryConnectionAndWinsOverTheProperties() {
        ConfigurableApplicationContext server = server("bjsonrpc.security.require-authentication=true");
        ConfigurableApplicationContext client = apps.start(CredentialsBeanClientApp.class,
            "bjsonrpc.server.enabled=false", "bjsonrpc.clients.vault.port=" + port(server),
            "bjsonrpc.clients.vault.credentials.username=bob", "bjsonrpc.clients.vault.credentials.password=bob-pw",
            "bjsonrpc.clients.vault.reconnect.initial-delay=100ms", "bjsonrpc.clients.vault.reconnect.max-delay=200ms");
        BjsonRpcClient vault = client.getBean("vaultBjsonRpcClient", BjsonRpcClient.class);
        CredentialsBeanClientApp app = client.getBean(CredentialsBeanClientApp.class);

        assertThat(vault.call("whoAmI")).isEqualTo("alice");
        assertThat(app.asked).hasValue(1);

        vault.connection().close();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
            .untilAsserted(() -> assertThat(vault.call("whoAmI")).isEqualTo("alice"));
        assertThat(app.asked).hasValue(2);
    }

    @Test
    void aTlsClientCertificateAuthenticatesTheConnection(@TempDir Path dir) throws Exception {
        Keytool.run(dir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", "server.p12");
        Keytool.run(dir, "-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
            "-dname", "CN=alice, O=Example", "-keystore", "client.p12");
        Keytool.run(dir, "-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        Keytool.run(dir, "-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.crt");
        Keytool.run(dir, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
            "trust.p12");
        Keytool.run(dir, "-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore",
            "trust.p12");
        String trust = "file:" + dir.resolve("trust.p12");
        ConfigurableApplicationContext server = server("bjsonrpc.server.ssl.bundle=server",
            "bjsonrpc.server.ssl.client-auth=need", "bjsonrpc.security.require-authentication=true",
            "spring.ssl.bundle.jks.server.keystore.location=file:" + dir.resolve("server.p12"),
            "spring.ssl.bundle.jks.server.keystore.password=secret1",
            "spring.ssl.bundle.jks.server.truststore.location=" + trust,
            "spring.ssl.bundle.jks.server.truststore.password=secret1");
        ConfigurableApplicationContext client = apps.start(ClientApp.class, "bjsonrpc.server.enabled=false",
            "bjsonrpc.clients.vault.port=" + port(server), "bjsonrpc.clients.vault.host=localhost",
            "bjsonrpc.clients.vault.ssl.bundle=alice",
            "spring.ssl.bundle.jks.alice.keystore.location=file:" + dir.resolve("client.p12"),
            "spring.ssl.bundle.jks.alice.keystore.password=secret1",
            "spring.ssl.bundle.jks.alice.truststore.location=" + trust,
            "spring.ssl.bundle.jks.alice.truststore.password=secret1");
        BjsonRpcClient vault = client.getBean("vaultBjsonRpcClient", BjsonRpcClient.class);

        assertThat(vault.call("whoAmI")).isEqualTo("alice");
        assertThat(vault.call("balance")).isEqualTo("42");
        assertThat(errorOf(vault.connection(), "audit")).isEqualTo("Access denied");
    }
}

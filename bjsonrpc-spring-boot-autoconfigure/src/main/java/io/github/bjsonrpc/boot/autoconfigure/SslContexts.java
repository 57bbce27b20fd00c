package io.github.bjsonrpc.boot.autoconfigure;

import java.util.Arrays;

import javax.net.ssl.SSLException;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/** Netty TLS contexts from Spring Boot SSL bundles. */
final class SslContexts {

    private SslContexts() {
    }

    static SslContext server(SslBundles bundles, String bundleName, BjsonRpcProperties.ClientAuth clientAuth) {
        SslBundle bundle = bundle(bundles, bundleName, "bjsonrpc.server.ssl.bundle");
        SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
            .trustManager(bundle.getManagers().getTrustManagerFactory())
            .clientAuth(switch (clientAuth) {
                case NONE -> ClientAuth.NONE;
                case WANT -> ClientAuth.OPTIONAL;
                case NEED -> ClientAuth.REQUIRE;
            });
        return build(options(builder, bundle.getOptions()), bundleName);
    }

    static SslContext client(SslBundles bundles, String bundleName, String property) {
        SslBundle bundle = bundle(bundles, bundleName, property);
        SslContextBuilder builder = SslContextBuilder.forClient()
            .keyManager(bundle.getManagers().getKeyManagerFactory())
            .trustManager(bundle.getManagers().getTrustManagerFactory());
        return build(options(builder, bundle.getOptions()), bundleName);
    }

    private static SslBundle bundle(SslBundles bundles, String name, String property) {
        if (bundles == null) {
            throw new IllegalStateException(property + " is set to '" + name + "', but no SSL bundles are configured "
                + "(spring.ssl.bundle.*)");
        }
        return bundles.getBundle(name);
    }

    private static SslContextBuilder options(SslContextBuilder builder, SslOptions options) {
        if (options.getEnabledProtocols() != null) {
            builder.protocols(options.getEnabledProtocols());
        }
        if (options.getCiphers() != null) {
            builder.ciphers(Arrays.asList(options.getCiphers()));
        }
        return builder;
    }

    private static SslContext build(SslContextBuilder builder, String bundleName) {
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("SSL bundle '" + bundleName + "' cannot be used for bjsonrpc: "
                + e.getMessage(), e);
        }
    }
}

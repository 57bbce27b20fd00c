package io.github.bjsonrpc.boot.autoconfigure;

import java.util.Arrays;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

import io.github.bjsonrpc.boot.ssl.ReloadableSslContext;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Netty TLS contexts from Spring Boot SSL bundles, that follow their bundle: when it is reloaded
 * ({@code spring.ssl.bundle.*.<name>.reload-on-update}), new connections use the new keys and trust.
 */
final class SslContexts {

    private static final Logger log = LoggerFactory.getLogger(SslContexts.class);

    private SslContexts() {
    }

    static SslContext server(@Nullable SslBundles bundles, String bundleName, BjsonRpcProperties.ClientAuth clientAuth) {
        return following(bundles, bundleName, "bjsonrpc.server.ssl.bundle", bundle -> {
            SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory())
                .clientAuth(switch (clientAuth) {
                    case NONE -> ClientAuth.NONE;
                    case WANT -> ClientAuth.OPTIONAL;
                    case NEED -> ClientAuth.REQUIRE;
                });
            return build(options(builder, bundle.getOptions()), bundleName);
        });
    }

    static SslContext client(@Nullable SslBundles bundles, String bundleName, String property) {
        return following(bundles, bundleName, property, bundle -> {
            SslContextBuilder builder = SslContextBuilder.forClient()
                .keyManager(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory());
            return build(options(builder, bundle.getOptions()), bundleName);
        });
    }

    private static SslContext following(@Nullable SslBundles bundles, String bundleName, String property,
            Function<SslBundle, SslContext> contextOf) {
        if (bundles == null) {
            throw new IllegalStateException(property + " is set to '" + bundleName + "', but no SSL bundles are "
                + "configured (spring.ssl.bundle.*)");
        }
        ReloadableSslContext context = new ReloadableSslContext(contextOf.apply(bundles.getBundle(bundleName)));
        bundles.addBundleUpdateHandler(bundleName, updated -> {
            try {
                context.reload(contextOf.apply(updated));
                log.info("SSL bundle '{}' was updated: new bjsonrpc connections use it ({})", bundleName, property);
            } catch (RuntimeException e) {
                log.warn("SSL bundle '{}' was updated, but bjsonrpc cannot use it ({}); new connections keep the "
                    + "previous keys and trust: {}", bundleName, property, e.getMessage());
            }
        });
        return context;
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

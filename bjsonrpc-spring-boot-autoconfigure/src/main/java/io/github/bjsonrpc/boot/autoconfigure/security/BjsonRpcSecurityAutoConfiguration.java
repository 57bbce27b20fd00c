package io.github.bjsonrpc.boot.autoconfigure.security;

import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.InterceptedConnections;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcProperties;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.security.BjsonRpcAuthenticationService;
import io.github.bjsonrpc.boot.security.BjsonRpcClientCredentials;
import io.github.bjsonrpc.boot.security.ClientAuthentication;
import io.github.bjsonrpc.boot.security.SecurityContextInterceptor;
import io.github.bjsonrpc.boot.security.SecurityErrorReplies;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * Authentication of bjsonrpc connections:
 *
 * <ul>
 * <li>a client with {@code bjsonrpc.clients.<name>.credentials.username}, or a {@link BjsonRpcClientCredentials}
 * bean that answers for it, sends its credentials with the handshake as each of its connections opens, again after
 * each reconnect ({@link ClientAuthentication});</li>
 * <li>with Spring Security (spring-security-web on the class path, as {@code spring-boot-starter-security} brings
 * it), every call the server's connections handle runs with the connection's security context
 * ({@link SecurityContextInterceptor}), so that {@code @PreAuthorize} and {@code @Secured} work; a connection
 * authenticates with its TLS client certificate, or, when the application has an {@link AuthenticationManager}
 * bean, with the handshake ({@link BjsonRpcAuthenticationService}); denied calls are answered
 * {@code Access denied} ({@link SecurityErrorReplies}); {@code bjsonrpc.security.require-authentication=true}
 * refuses every call of a connection that has not authenticated; {@code bjsonrpc.security.enabled=false} turns
 * all of it off.</li>
 * </ul>
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, BjsonRpcServerAutoConfiguration.class,
    BjsonRpcClientAutoConfiguration.class})
@ConditionalOnClass(BjsonRpc.class)
public final class BjsonRpcSecurityAutoConfiguration {

    @Bean
    BjsonRpcClientCustomizer bjsonRpcClientCredentials(BjsonRpcProperties properties,
            BjsonRpcHandlerExecutor executor, ObjectProvider<BjsonRpcClientCredentials> beans) {
        return (name, builder) -> {
            BjsonRpcProperties.Client client = properties.getClients().get(name);
            String username = client == null ? null : client.getCredentials().getUsername();
            if (username == null && beans.orderedStream().findAny().isEmpty()) {
                return;
            }
            String password = client == null || client.getCredentials().getPassword() == null ? ""
                : client.getCredentials().getPassword();
            BjsonRpcClientCredentials.Credentials configured = username == null ? null
                : new BjsonRpcClientCredentials.Credentials(username, password);
            ClientAuthentication authentication = new ClientAuthentication(name,
                () -> beans.orderedStream().map(bean -> bean.credentials(name)).filter(Objects::nonNull).findFirst()
                    .orElse(configured),
                executor.executor());
            builder.addConnectionListener(authentication).addInterceptor(authentication);
        };
    }

    /** Spring Security on the server's connections. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Authentication.class, PreAuthenticatedAuthenticationToken.class})
    @ConditionalOnBooleanProperty(name = "bjsonrpc.security.enabled", matchIfMissing = true)
    @EnableConfigurationProperties(BjsonRpcSecurityProperties.class)
    static class ServerSecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @InterceptedConnections(clients = {})
        SecurityContextInterceptor bjsonRpcSecurityContextInterceptor(
                ObjectProvider<AuthenticationManager> authenticationManager, BjsonRpcSecurityProperties properties) {
            return new SecurityContextInterceptor(authenticationManager.getIfUnique(),
                properties.isRequireAuthentication());
        }

        @Bean
        @ConditionalOnMissingBean
        SecurityErrorReplies bjsonRpcSecurityErrorReplies() {
            return new SecurityErrorReplies();
        }

        /** The handshake, on a server, when the application has an authentication manager. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnBean({BjsonRpcServerLifecycle.class, AuthenticationManager.class})
        @Import(BjsonRpcAuthenticationService.class)
        static class HandshakeConfiguration {
        }
    }
}

package io.github.bjsonrpc.boot.security;

import java.security.Principal;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandledCall;
import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.ServerError;

/**
 * Runs every call a connection handles with the connection's {@link SecurityContext} on the handler's thread, so
 * that {@code @PreAuthorize} and {@code @Secured} on service methods decide with it; the thread's previous context
 * is back once the call returns. A connection whose peer presented a TLS client certificate and has not
 * authenticated otherwise is authenticated from it at its first call: a {@link PreAuthenticatedAuthenticationToken}
 * whose principal is the certificate subject's common name (CN), through the application's
 * {@link AuthenticationManager} (which needs a provider for it, such as a {@code PreAuthenticatedAuthenticationProvider}).
 * With {@code requireAuthentication}, a call of a connection that has not authenticated is refused with
 * {@value SecurityErrorReplies#NOT_AUTHENTICATED}, except the handshake.
 */
public class SecurityContextInterceptor implements RpcInterceptor, Ordered {

    /** Its order: outside the application's interceptors of order 0 and later, which see the context. */
    public static final int ORDER = -100;

    /** Marks a connection whose certificate was refused, so that it is not tried again at every call. */
    private static final String CERTIFICATE_REFUSED = SecurityContextInterceptor.class.getName() + ".refused";

    private static final Logger log = LoggerFactory.getLogger(SecurityContextInterceptor.class);

    private final @Nullable AuthenticationManager authenticationManager;
    private final boolean requireAuthentication;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    /**
     * @param authenticationManager authenticates TLS certificates, or {@code null} for none
     * @param requireAuthentication whether calls of connections that have not authenticated are refused
     */
    public SecurityContextInterceptor(@Nullable AuthenticationManager authenticationManager,
            boolean requireAuthentication) {
        this.authenticationManager = authenticationManager;
        this.requireAuthentication = requireAuthentication;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public @Nullable Object aroundHandled(HandledCall call) throws Throwable {
        Authentication authentication = authenticationOf(call.connection());
        if (authentication == null && requireAuthentication
                && !(call.target() instanceof BjsonRpcAuthenticationService)) {
            throw new ServerError(SecurityErrorReplies.NOT_AUTHENTICATED);
        }
        SecurityContext previous = contexts.getContext();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        try {
            return call.proceed();
        } finally {
            contexts.setContext(previous);
        }
    }

    private @Nullable Authentication authenticationOf(Connection connection) {
        Authentication authentication = ConnectionAuthentication.of(connection);
        if (authentication != null || authenticationManager == null
                || connection.attributes().containsKey(CERTIFICATE_REFUSED)) {
            return authentication;
        }
        Optional<Principal> certificate = connection.principal();
        if (certificate.isEmpty()) {
            return null;
        }
        try {
            Authentication authenticated = authenticationManager.authenticate(
                new PreAuthenticatedAuthenticationToken(commonName(certificate.get()), certificate.get()));
            if (authenticated != null && authenticated.isAuthenticated()) {
                ConnectionAuthentication.set(connection, authenticated);
                return authenticated;
            }
        } catch (AuthenticationException e) {
            log.info("The certificate of connection {} ({}) does not authenticate it: {}", connection.id(),
                certificate.get().getName(), e.getMessage());
        }
        connection.attributes().put(CERTIFICATE_REFUSED, Boolean.TRUE);
        return null;
    }

    /** The subject's common name, as Spring Security's X.509 support takes it; the whole name without one. */
    static String commonName(Principal subject) {
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // not an X.500 name: the name as it is
        }
        return subject.getName();
    }
}

package io.github.bjsonrpc.boot.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

import io.github.bjsonrpc.Connection;

/**
 * The {@link Authentication} that belongs to a connection, kept in its {@linkplain Connection#attributes()
 * attributes} for as long as it lives: set by the handshake ({@link BjsonRpcAuthenticationService}) or from the
 * peer's TLS certificate, and the security context of every call the connection handles.
 */
public final class ConnectionAuthentication {

    /** The attribute that holds it. */
    public static final String ATTRIBUTE = Authentication.class.getName();

    private ConnectionAuthentication() {
    }

    /**
     * @param connection a connection
     * @return who it authenticated as, or {@code null}
     */
    public static @Nullable Authentication of(Connection connection) {
        return connection.attributes().get(ATTRIBUTE) instanceof Authentication authentication ? authentication
            : null;
    }

    /**
     * @param connection a connection
     * @param authentication who it authenticated as, from now on
     */
    public static void set(Connection connection, Authentication authentication) {
        connection.attributes().put(ATTRIBUTE, authentication);
    }
}

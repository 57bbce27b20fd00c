package io.github.bjsonrpc.boot.autoconfigure.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Spring Security on the bjsonrpc server's connections ({@code bjsonrpc.security.*}). */
@ConfigurationProperties("bjsonrpc.security")
public class BjsonRpcSecurityProperties {

    /**
     * Whether Spring Security applies to the bjsonrpc server's connections: the security context of each call, the
     * certificate and handshake authentication, the "Access denied" replies.
     */
    private boolean enabled = true;

    /**
     * Whether every call of a connection that has not authenticated (with the handshake or a TLS client certificate)
     * is refused with "Access denied: not authenticated", the handshake excepted. Otherwise such calls run
     * unauthenticated, and only the service methods that ask for an authentication refuse them.
     */
    private boolean requireAuthentication;

    /** Whether Spring Security applies to the server's connections. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * @param enabled whether Spring Security applies to the server's connections
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether calls of connections that have not authenticated are refused. */
    public boolean isRequireAuthentication() {
        return requireAuthentication;
    }

    /**
     * @param requireAuthentication whether calls of connections that have not authenticated are refused
     */
    public void setRequireAuthentication(boolean requireAuthentication) {
        this.requireAuthentication = requireAuthentication;
    }
}

package io.github.bjsonrpc.boot.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ServerError;
import io.github.bjsonrpc.boot.BjsonRpcService;

/**
 * The handshake a peer authenticates its connection with, published on the server's connections: a call of
 * {@value #METHOD} with a user name and a password, as any peer can make it, a reference one included
 * ({@code connection.call.authenticate("alice", "secret")} in Python). The application's
 * {@link AuthenticationManager} decides; the {@link Authentication} then belongs to the connection
 * ({@link ConnectionAuthentication}) and every later call runs with it. A failure is answered
 * {@value #FAILED}, and the connection keeps what it had.
 */
@BjsonRpcService
public class BjsonRpcAuthenticationService {

    /** The method a peer calls: {@value}. */
    public static final String METHOD = "authenticate";

    /** The error a failed authentication gets: {@value}. */
    public static final String FAILED = "Authentication failed";

    private final Connection connection;
    private final AuthenticationManager authenticationManager;

    /**
     * @param connection the connection served
     * @param authenticationManager the application's
     */
    public BjsonRpcAuthenticationService(Connection connection, AuthenticationManager authenticationManager) {
        this.connection = connection;
        this.authenticationManager = authenticationManager;
    }

    /**
     * Authenticates the connection.
     *
     * @param username the user name
     * @param password the password
     * @return {@code {"name": ..., "authorities": [...]}}: who the connection is now
     * @throws ServerError {@value #FAILED} when the credentials are refused
     */
    public Map<String, Object> authenticate(String username, String password) {
        Authentication authenticated;
        try {
            authenticated = authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        } catch (AuthenticationException e) {
            throw new ServerError(FAILED, e);
        }
        if (authenticated == null || !authenticated.isAuthenticated()) {
            throw new ServerError(FAILED);
        }
        ConnectionAuthentication.set(connection, authenticated);
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("name", authenticated.getName());
        List<String> authorities = authenticated.getAuthorities().stream().map(GrantedAuthority::getAuthority)
            .sorted().toList();
        who.put("authorities", authorities);
        return who;
    }
}

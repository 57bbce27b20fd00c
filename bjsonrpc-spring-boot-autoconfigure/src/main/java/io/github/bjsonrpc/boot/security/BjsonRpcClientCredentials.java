package io.github.bjsonrpc.boot.security;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Gives the credentials a client sends with the handshake as each of its connections opens, instead of
 * {@code bjsonrpc.clients.<name>.credentials.*}: for credentials that live elsewhere or change, as it is asked again
 * for every connection. Beans of this type are asked in their order; the first answer wins, and the properties
 * decide when none answers. It is asked on a handler thread, never an I/O thread: it may take its time.
 */
@FunctionalInterface
public interface BjsonRpcClientCredentials {

    /**
     * @param client a client's name ({@code bjsonrpc.clients.<name>})
     * @return what it sends, or {@code null} to leave it to the next bean or the properties
     */
    @Nullable Credentials credentials(String client);

    /**
     * A user name and its password.
     *
     * @param username the user name
     * @param password the password
     */
    record Credentials(String username, String password) {

        /**
         * @param username the user name
         * @param password the password
         */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}

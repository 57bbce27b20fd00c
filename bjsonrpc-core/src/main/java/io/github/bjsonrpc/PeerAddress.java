package io.github.bjsonrpc;

import java.util.Objects;

/**
 * Where one instance of a peer listens: a host and a port, as a {@link PeerList} holds them.
 *
 * @param host the host name or address
 * @param port the port, 1 to 65535; 0 only where a client shows a peer whose port is not known yet
 */
public record PeerAddress(String host, int port) {

    /**
     * Checks the values.
     *
     * @param host not blank
     * @param port 0 to 65535
     */
    public PeerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("A peer's host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A peer's port must be between 1 and 65535, was " + port + " for "
                + host);
        }
    }

    /**
     * Reads {@code host:port}; an IPv6 address is written in brackets, {@code [::1]:10123}.
     *
     * @param text the address as written
     * @return the address
     * @throws IllegalArgumentException if it is not {@code host:port}
     */
    public static PeerAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("A peer address is host:port, was '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("An IPv6 peer address is written [address]:port, was '" + text + "'");
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A peer address is host:port, was '" + text + "'", e);
        }
        if (port < 1) {
            throw new IllegalArgumentException("A peer's port must be between 1 and 65535, was '" + text + "'");
        }
        return new PeerAddress(host, port);
    }

    /** {@code host:port}, in brackets for an IPv6 address: what {@link #parse} reads. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

package io.github.bjsonrpc;

/**
 * Thrown by handler code to answer the peer with an expected error: the reply's {@code error} is this
 * exception's message alone, with no class name, as the reference does for its {@code ServerError}. Any other
 * exception is answered as {@code "SimpleClassName: message"}. Subclass it freely.
 */
public class ServerError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the text the peer receives as the reply's {@code error}
     */
    public ServerError(String message) {
        super(message);
    }

    /**
     * @param message the text the peer receives as the reply's {@code error}
     * @param cause kept locally for logs; never sent
     */
    public ServerError(String message, Throwable cause) {
        super(message, cause);
    }
}

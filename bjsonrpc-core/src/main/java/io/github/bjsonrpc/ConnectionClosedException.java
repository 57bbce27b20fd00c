package io.github.bjsonrpc;

/**
 * The connection closed (locally or by the peer) before the reply came: every pending request and open pipe of
 * a connection fails with it at once when the connection goes away. Requests on a closed connection also throw
 * it.
 */
public class ConnectionClosedException extends BjsonRpcException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was lost, and on which connection
     */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /**
     * @param message what was lost, and on which connection
     * @param cause the underlying failure, or the same loss as first raised on another thread
     */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

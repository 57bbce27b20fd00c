package io.github.bjsonrpc;

/** Base of every exception this library throws. Unchecked, as Jackson's and Netty's are. */
public class BjsonRpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public BjsonRpcException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public BjsonRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}

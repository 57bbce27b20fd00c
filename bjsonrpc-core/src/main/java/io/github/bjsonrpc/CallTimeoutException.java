package io.github.bjsonrpc;

/** No reply came within the call's timeout. The request is forgotten: a late reply is dropped. */
public class CallTimeoutException extends BjsonRpcException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which request, and how long it waited
     */
    public CallTimeoutException(String message) {
        super(message);
    }

    /**
     * @param message which request, and how long it waited
     * @param cause the same timeout as first raised on another thread
     */
    public CallTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}

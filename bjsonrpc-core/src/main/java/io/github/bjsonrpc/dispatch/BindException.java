package io.github.bjsonrpc.dispatch;

/** The arguments of a request do not fit the method; the message is the error text the peer gets. */
public final class BindException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text the peer gets
     */
    public BindException(String message) {
        super(message, null, false, false);
    }
}

package io.github.bjsonrpc;

/**
 * A request about to be sent from here, as an {@link RpcInterceptor} sees it. Valid only during
 * {@link RpcInterceptor#aroundIssued}, on the caller's thread.
 */
public interface IssuedCall {

    /** The connection the request goes to. */
    Connection connection();

    /** The method as it will be sent: {@code add2}, or {@code mylist_0001.add} on a remote object. */
    String method();

    /** What kind of exchange it is: a call, a notification or a pipe. */
    RpcObserver.CallType type();

    /**
     * The arguments as given to the verb: positional, or a lone {@link Params}; an interceptor may replace elements
     * before it proceeds.
     */
    Object[] arguments();

    /**
     * Runs the next interceptor, or sends the request after the last one.
     *
     * @return the {@link Request} of a call, the {@link Pipe} of a pipe, {@code null} for a notification
     * @throws RuntimeException if the request cannot be sent ({@link ConnectionClosedException},
     *         {@link BjsonRpcException} for a limit), or a later interceptor refused it
     */
    Object proceed();
}

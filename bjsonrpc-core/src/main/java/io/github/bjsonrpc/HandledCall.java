package io.github.bjsonrpc;

import java.lang.reflect.Method;

/**
 * A request of the peer about to run here, as an {@link RpcInterceptor} sees it. Valid only during
 * {@link RpcInterceptor#aroundHandled}, on the thread that runs it.
 */
public interface HandledCall {

    /** The connection the request came on. */
    Connection connection();

    /**
     * The method as the peer named it: {@code add2}, or {@code mylist_0001.add} for a method of an exported object.
     */
    String method();

    /** What kind of exchange it is: a notification, a pipe (the method returns elements), or a call. */
    RpcObserver.CallType type();

    /** The object whose method runs: a service of the connection's handler, or an exported object. */
    Object target();

    /** The Java method that runs, with its annotations. */
    Method javaMethod();

    /**
     * The bound arguments, one per Java parameter, in order; an interceptor may replace elements before it
     * proceeds (with values of the parameters' types).
     */
    Object[] arguments();

    /**
     * Runs the next interceptor, or the method itself after the last one.
     *
     * @return what the method returned ({@code null} for {@code void})
     * @throws Throwable what the method threw, as it threw it
     */
    Object proceed() throws Throwable;
}

package io.github.bjsonrpc;

import java.time.Duration;

/**
 * Something whose methods can be called on the peer: a {@link Connection} (the peer's root handler) or a
 * {@link RemoteObject}. The verbs are the reference's proxies:
 *
 * <ul>
 * <li>{@code call} sends a request and waits for its reply;</li>
 * <li>{@code method} sends a request and returns at once with a {@link Request};</li>
 * <li>{@code notify} sends a notification: no id, no reply, errors are not reported;</li>
 * <li>{@code pipe} sends a request whose many replies form a {@link Pipe}.</li>
 * </ul>
 *
 * Arguments are positional ({@code call("add2", 1, 2)}) or a lone {@link Params} with keywords
 * ({@code call("getabc", Params.of(1).with("c", 3))}). They are converted to JSON with Jackson. Results convert to
 * the requested type with Jackson; untyped results are plain Java values ({@code Map}, {@code List},
 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code String}, {@code Boolean}, {@code null}).
 *
 * <p>All verbs are thread-safe. A handler may call its own peer synchronously: while it waits, its connection
 * goes on dispatching the peer's requests, so call chains that come back (A to B to A) do not deadlock.
 */
public interface RpcTarget {

    /**
     * Sends a request; the reply will be converted to {@code resultType}.
     *
     * @param resultType the Java type of the result ({@code Object.class} for plain values)
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @param <T> the result type
     * @return the pending request
     * @throws ConnectionClosedException if the connection is closed
     */
    <T> Request<T> method(Class<T> resultType, String method, Object... args);

    /**
     * Sends a notification: no id, and no reply ever, not even for an error.
     *
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @throws ConnectionClosedException if the connection is closed
     */
    void notify(String method, Object... args);

    /**
     * Sends a request whose many replies are the elements of a pipe.
     *
     * @param elementType the Java type of each element
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @param <T> the element type
     * @return the open pipe
     * @throws ConnectionClosedException if the connection is closed
     */
    <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args);

    /**
     * A reference to one of the peer's own methods, to pass as an argument: it is written as
     * {@code {"__functionreference__":"method"}} ({@code "object_0001.method"} on a remote object), and the peer
     * calls its own method with it.
     *
     * @param method the peer's method name
     * @return the reference
     */
    default FunctionReference function(String method) {
        return new FunctionReference(method);
    }

    /**
     * Sends a request with an untyped result.
     *
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @return the pending request
     */
    default Request<Object> method(String method, Object... args) {
        return method(Object.class, method, args);
    }

    /**
     * Calls and waits within the connection's call timeout.
     *
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @return the result as plain Java values
     * @throws RemoteError if the peer answered with an error
     * @throws CallTimeoutException if no reply came in time
     * @throws ConnectionClosedException if the connection closed first
     */
    default Object call(String method, Object... args) {
        return method(Object.class, method, args).value();
    }

    /**
     * Calls and waits within the connection's call timeout.
     *
     * @param resultType the Java type of the result
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @param <T> the result type
     * @return the result
     * @throws RemoteError if the peer answered with an error
     * @throws CallTimeoutException if no reply came in time
     * @throws ConnectionClosedException if the connection closed first
     */
    default <T> T call(Class<T> resultType, String method, Object... args) {
        return method(resultType, method, args).value();
    }

    /**
     * Calls and waits at most {@code timeout}.
     *
     * @param timeout how long to wait for the reply
     * @param resultType the Java type of the result
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @param <T> the result type
     * @return the result
     * @throws RemoteError if the peer answered with an error
     * @throws CallTimeoutException if no reply came in time
     * @throws ConnectionClosedException if the connection closed first
     */
    default <T> T call(Duration timeout, Class<T> resultType, String method, Object... args) {
        return method(resultType, method, args).value(timeout);
    }

    /**
     * Opens a pipe of plain Java values.
     *
     * @param method the peer's method name
     * @param args positional arguments, or a lone {@link Params}
     * @return the open pipe
     */
    default Pipe<Object> pipe(String method, Object... args) {
        return pipe(Object.class, method, args);
    }
}

package io.github.bjsonrpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle to an object living on the peer, received as {@code {"__remoteobject__":NAME}}: ask for
 * {@code RemoteObject.class}, or for an untyped result, and you get one. Its methods are called with the same
 * verbs as the peer's root handler ({@code list.call("add", 1)} sends {@code NAME.add}); passing the handle as an
 * argument writes {@code {"__objectreference__":NAME}}, and the peer gets its own object back.
 *
 * <p>{@link #close()} deletes the object on the peer. Handles are not closed when garbage-collected: close the ones
 * you are done with, or let the connection's end clean up.
 */
public final class RemoteObject implements RpcTarget, AutoCloseable {

    private final Connection connection;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param connection the connection the object lives behind
     * @param name the name the peer gave it
     */
    public RemoteObject(Connection connection, String name) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The name the peer gave the object, such as {@code mylist_0001}. */
    public String name() {
        return name;
    }

    /** The connection the object lives behind. */
    public Connection connection() {
        return connection;
    }

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        return connection.method(resultType, name + "." + method, args);
    }

    @Override
    public void notify(String method, Object... args) {
        connection.notify(name + "." + method, args);
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        return connection.pipe(elementType, name + "." + method, args);
    }

    @Override
    public FunctionReference function(String method) {
        return new FunctionReference(name + "." + method);
    }

    /**
     * A typed view: every abstract method of {@code type} calls the remote method of the same name with its
     * arguments, waits within the connection's call timeout, and converts the result to the method's return type.
     *
     * @param type an interface describing the remote object's methods
     * @param <T> the interface
     * @return a proxy implementing it
     */
    public <T> T as(Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        InvocationHandler calls = (proxy, method, args) -> invoke(proxy, method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, calls));
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RemoteObject[" + name + "] as " + proxy.getClass().getInterfaces()[0].getSimpleName();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Class<?> returnType = method.getReturnType() == void.class ? Object.class : method.getReturnType();
        return call(returnType, method.getName(), args == null ? new Object[0] : args);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Deletes the object on the peer: sends {@code NAME.__delete__} as a call and waits for its reply within the
     * connection's call timeout. Closing twice, or after the connection closed, does nothing.
     *
     * @throws RemoteError if the peer refused the deletion
     * @throws CallTimeoutException if the peer did not answer in time
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && connection.isOpen()) {
            try {
                connection.call(name + ".__delete__");
            } catch (ConnectionClosedException gone) {
                // the peer cleans up on its side when the connection ends
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteObject that && that.connection == connection && that.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteObject[" + name + "]";
    }
}

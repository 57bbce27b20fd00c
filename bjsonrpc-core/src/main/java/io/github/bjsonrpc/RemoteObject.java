package io.github.bjsonrpc;

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
     * A typed view of the object: see {@link RpcInterfaces#proxy}.
     *
     * @param type an interface describing the remote object's methods
     * @param <T> the interface
     * @return a proxy implementing it
     */
    public <T> T as(Class<T> type) {
        return RpcInterfaces.proxy(this, type);
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

package io.github.bjsonrpc.boot;

import java.util.function.Supplier;

import io.github.bjsonrpc.Connection;

/** The connection whose services are being made on this thread, so that they can have it injected. */
public final class CurrentConnection {

    private static final ThreadLocal<Connection> MAKING = new ThreadLocal<>();

    private CurrentConnection() {
    }

    static <T> T makingFor(Connection connection, Supplier<T> make) {
        Connection previous = MAKING.get();
        MAKING.set(connection);
        try {
            return make.get();
        } finally {
            if (previous == null) {
                MAKING.remove();
            } else {
                MAKING.set(previous);
            }
        }
    }

    /**
     * @return the connection whose services are being made on this thread
     * @throws IllegalStateException outside the making of a connection's services
     */
    public static Connection get() {
        Connection connection = MAKING.get();
        if (connection == null) {
            throw new IllegalStateException("A bjsonrpc Connection can only be injected into @BjsonRpcService "
                + "beans, which are made for each connection; elsewhere use Connection.current() in a call, "
                + "or inject a BjsonRpcClient");
        }
        return connection;
    }
}

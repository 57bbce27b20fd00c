package io.github.bjsonrpc;

import java.util.concurrent.ExecutorService;

import io.github.bjsonrpc.dispatch.HandlerPool;
import io.github.bjsonrpc.transport.Bootstraps;

/**
 * Entry points, as the reference's {@code bjsonrpc.createserver} and {@code bjsonrpc.connect}:
 *
 * <pre>{@code
 * public class Handler {                       // one instance per connection
 *     public int add2(int a, int b) { return a + b; }
 * }
 * BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, connection -> new Handler());
 * try (Connection c = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE)) {
 *     int sum = c.call(Integer.class, "add2", 3, 4);   // 7
 * }
 * server.stop();
 * }</pre>
 *
 * <h2>What a handler publishes</h2>
 * The public instance methods of the handler's class and superclasses, called by their Java name, except
 * {@code Object}'s methods, {@code close}, names starting with {@code _}, and static, bridge or synthetic methods.
 * Overloading a published name is an error. Keyword arguments bind by parameter name, so compile handlers with
 * {@code -parameters}. Parameters are required unless {@link OptionalParam} or {@code Optional}; a trailing
 * varargs parameter takes extra positional arguments; a {@link Connection} parameter receives the connection.
 * A method returning a {@code Stream}, {@code Iterator} or {@code Flow.Publisher} answers a pipe, one reply per
 * element. Throw {@link ServerError} to send an expected error with your own message.
 */
public final class BjsonRpc {

    /** The reference's default host: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The reference's default port. */
    public static final int DEFAULT_PORT = 10123;

    private BjsonRpc() {
    }

    /**
     * Listens on {@code host:port} with default options.
     *
     * @param host the address to listen on ({@code 0.0.0.0} for all)
     * @param port the port, 0 for a free one
     * @param handlerFactory makes each connection's handler
     * @return the running server
     * @throws BjsonRpcException if the address cannot be bound
     */
    public static BjsonRpcServer createServer(String host, int port, HandlerFactory handlerFactory) {
        return createServer(host, port, handlerFactory, ConnectionOptions.defaults());
    }

    /**
     * Listens on {@code host:port}.
     *
     * @param host the address to listen on ({@code 0.0.0.0} for all)
     * @param port the port, 0 for a free one
     * @param handlerFactory makes each connection's handler
     * @param options options of every accepted connection
     * @return the running server
     * @throws BjsonRpcException if the address cannot be bound
     */
    public static BjsonRpcServer createServer(String host, int port, HandlerFactory handlerFactory,
            ConnectionOptions options) {
        return BjsonRpcServer.builder().host(host).port(port).handlerFactory(handlerFactory).options(options).start();
    }

    /**
     * Listens on {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}.
     *
     * @param handlerFactory makes each connection's handler
     * @return the running server
     */
    public static BjsonRpcServer createServer(HandlerFactory handlerFactory) {
        return createServer(DEFAULT_HOST, DEFAULT_PORT, handlerFactory);
    }

    /**
     * Connects to {@code host:port} with default options.
     *
     * @param host the peer's host
     * @param port the peer's port
     * @param handlerFactory makes this side's handler, whose methods the peer can call ({@link HandlerFactory#NONE}
     *        for none)
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached
     */
    public static Connection connect(String host, int port, HandlerFactory handlerFactory) {
        return connect(host, port, handlerFactory, ConnectionOptions.defaults());
    }

    /**
     * Connects to {@code host:port}.
     *
     * @param host the peer's host
     * @param port the peer's port
     * @param handlerFactory makes this side's handler ({@link HandlerFactory#NONE} for none)
     * @param options options of the connection
     * @return the open connection
     * @throws BjsonRpcException if the peer cannot be reached within {@link ConnectionOptions#connectTimeout()}
     */
    public static Connection connect(String host, int port, HandlerFactory handlerFactory,
            ConnectionOptions options) {
        return Bootstraps.connect(host, port, handlerFactory, options, null, ConnectionListener.NONE,
            RpcObserver.NONE);
    }

    /**
     * Connects to {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT} with no handler.
     *
     * @return the open connection
     */
    public static Connection connect() {
        return connect(DEFAULT_HOST, DEFAULT_PORT, HandlerFactory.NONE);
    }

    /** The shared pool that runs handler code of connections whose options name no executor. */
    public static ExecutorService defaultExecutor() {
        return HandlerPool.shared();
    }
}

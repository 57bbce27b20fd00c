package io.github.bjsonrpc.boot.test.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/** Where the application's own bjsonrpc server listens now; loopback when it listens on every interface. */
final class LocalServerAddress implements Supplier<InetSocketAddress> {

    private final BjsonRpcServerLifecycle lifecycle;

    LocalServerAddress(BjsonRpcServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public InetSocketAddress get() {
        BjsonRpcServer server = lifecycle.server();
        if (server == null) {
            throw new IllegalStateException("The application's bjsonrpc server is not running, so its clients "
                + "(pointed at it by @AutoConfigureTestBjsonRpcTransport) have nowhere to connect");
        }
        InetSocketAddress bound = server.address();
        if (bound.getAddress() != null && bound.getAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort());
        }
        return bound;
    }
}

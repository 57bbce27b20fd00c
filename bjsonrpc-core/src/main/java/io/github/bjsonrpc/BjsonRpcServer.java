package io.github.bjsonrpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.github.bjsonrpc.transport.Bootstraps;

/**
 * A listening bjsonrpc server: the reference's {@code Server}. It is bound and serving as soon as
 * {@link BjsonRpc#createServer} returns; every accepted connection gets its own handler from the factory.
 */
public final class BjsonRpcServer implements AutoCloseable {

    private final Bootstraps.Listener listener;

    BjsonRpcServer(Bootstraps.Listener listener) {
        this.listener = listener;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** The bound port: the free port chosen when 0 was asked for. */
    public int port() {
        return listener.address().getPort();
    }

    /** Whether the server still accepts connections. */
    public boolean isRunning() {
        return listener.isOpen();
    }

    /** The connections open now. */
    public List<Connection> connections() {
        return List.copyOf(listener.connections());
    }

    /** Stops accepting new connections; open connections go on. */
    public void stopAccepting() {
        listener.stopAccepting();
    }

    /**
     * Stops accepting and closes every connection: their pending requests fail with
     * {@link ConnectionClosedException}, their handlers are closed. Waits at most 10 seconds for the connections to
     * close. Stopping twice is harmless.
     */
    public void stop() {
        listener.close(Duration.ofSeconds(10));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "BjsonRpcServer[" + address() + "]";
    }
}

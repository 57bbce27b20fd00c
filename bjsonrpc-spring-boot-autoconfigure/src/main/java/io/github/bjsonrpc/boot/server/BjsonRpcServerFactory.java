package io.github.bjsonrpc.boot.server;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * Makes the bjsonrpc server that {@link BjsonRpcServerLifecycle} runs: binds it and starts serving. The
 * auto-configured one reads {@code bjsonrpc.server.*} and applies the {@link BjsonRpcServerCustomizer} beans.
 */
@FunctionalInterface
public interface BjsonRpcServerFactory {

    /**
     * Binds and starts a server; called each time the lifecycle starts.
     *
     * @return the running server
     * @throws BjsonRpcPortInUseException if its port is in use, so that start-up explains it
     * @throws RuntimeException if the server cannot be bound for another reason, saying why
     */
    BjsonRpcServer start();
}

package io.github.bjsonrpc.boot.server;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * Customises the auto-configured bjsonrpc server before it starts, for example to add a
 * {@link io.github.bjsonrpc.ConnectionListener}. Beans of this type are applied in their order.
 */
@FunctionalInterface
public interface BjsonRpcServerCustomizer {

    /**
     * @param builder the server being configured from {@code bjsonrpc.server.*}
     */
    void customize(BjsonRpcServer.Builder builder);
}

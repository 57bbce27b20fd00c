package io.github.bjsonrpc.boot.client;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * Customises each auto-configured bjsonrpc client before it is built. Beans of this type are applied in their
 * order.
 */
@FunctionalInterface
public interface BjsonRpcClientCustomizer {

    /**
     * @param name the client's name ({@code bjsonrpc.clients.<name>})
     * @param builder the client being configured from its properties
     */
    void customize(String name, BjsonRpcClient.Builder builder);
}

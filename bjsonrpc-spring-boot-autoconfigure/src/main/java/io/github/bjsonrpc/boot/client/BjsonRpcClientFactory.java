package io.github.bjsonrpc.boot.client;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * Makes the {@link BjsonRpcClient} bean of each configured client ({@code bjsonrpc.clients.<name>}). The
 * auto-configured one reads the client's properties and applies the {@link BjsonRpcClientCustomizer} beans; define a
 * bean of this type to replace it.
 */
@FunctionalInterface
public interface BjsonRpcClientFactory {

    /**
     * @param name a configured client's name
     * @return the client, not yet connected
     * @throws IllegalStateException if its settings are invalid, naming them
     */
    BjsonRpcClient create(String name);
}

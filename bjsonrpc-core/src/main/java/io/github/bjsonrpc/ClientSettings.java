package io.github.bjsonrpc;

import java.util.concurrent.CompletableFuture;

import io.netty.handler.ssl.SslContext;

/**
 * What every connection of one client is opened with: the connections of a client over several instances, and
 * its sessions.
 */
record ClientSettings(HandlerFactory handlerFactory, ConnectionOptions options, SslContext sslContext,
        ConnectionListener listener, RpcObserver observer, Reconnect reconnect) {

    /**
     * @param address where to connect
     * @return completes with the open connection, or fails with the reason
     */
    CompletableFuture<Connection> connect(PeerAddress address) {
        try {
            return TransportProvider.get().connectAsync(address.host(), address.port(), handlerFactory, options,
                sslContext, listener, observer);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A client with these settings, keeping one connection to {@code address}.
     *
     * @param name its name
     * @param address its peer
     * @param extra an observer of its own, added after the client's
     * @return the client, not connected
     */
    BjsonRpcClient client(String name, PeerAddress address, RpcObserver extra) {
        BjsonRpcClient.Builder builder = BjsonRpcClient.builder(address.host(), address.port()).name(name)
            .handlerFactory(handlerFactory).options(options).sslContext(sslContext).reconnect(reconnect)
            .addConnectionListener(listener).addObserver(observer);
        if (extra != RpcObserver.NONE) {
            builder.addObserver(extra);
        }
        return builder.build();
    }
}

package io.github.bjsonrpc.boot.autoconfigure;

import java.net.BindException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcHandlerExecutor;
import io.github.bjsonrpc.boot.BjsonRpcJsonMapper;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.ConnectionEvents;
import io.github.bjsonrpc.boot.server.BjsonRpcPortInUseException;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerFactory;
import io.netty.handler.ssl.SslContext;

/** Binds the server from {@code bjsonrpc.server.*}, with messages naming the properties. */
final class PropertiesBjsonRpcServerFactory implements BjsonRpcServerFactory {

    private final BjsonRpcProperties.Server properties;
    private final BjsonRpcServices services;
    private final BjsonRpcHandlerExecutor executor;
    private final BjsonRpcJsonMapper jsonMapper;
    private final @Nullable SslContext sslContext;
    private final List<BjsonRpcServerCustomizer> customizers;
    private final ApplicationEventPublisher publisher;
    private final BjsonRpcConnections connections;

    PropertiesBjsonRpcServerFactory(BjsonRpcProperties.Server properties, BjsonRpcServices services,
            BjsonRpcHandlerExecutor executor, BjsonRpcJsonMapper jsonMapper, @Nullable SslContext sslContext,
            List<BjsonRpcServerCustomizer> customizers, ApplicationEventPublisher publisher,
            BjsonRpcConnections connections) {
        this.properties = properties;
        this.services = services;
        this.executor = executor;
        this.jsonMapper = jsonMapper;
        this.sslContext = sslContext;
        this.customizers = customizers;
        this.publisher = publisher;
        this.connections = connections;
    }

    @Override
    public BjsonRpcServer start() {
        BjsonRpcServer.Builder builder = BjsonRpcServer.builder()
            .host(properties.getHost())
            .port(properties.getPort())
            .handlerFactory(services.serverHandlers())
            .options(ConnectionSettingsMapper.options("bjsonrpc.server", properties, executor.executor(),
                jsonMapper.jsonMapper(), services.serverInlineMethods()))
            .sslContext(sslContext)
            .maxConnections(properties.getMaxConnections())
            .addConnectionListener(connections.forServer())
            .addConnectionListener(new ConnectionEvents(publisher, executor.executor(), null));
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.start();
        } catch (BjsonRpcException e) {
            if (e.getCause() instanceof BindException) {
                throw new BjsonRpcPortInUseException(properties.getHost(), properties.getPort(), e);
            }
            throw new IllegalStateException("The bjsonrpc server cannot start on " + properties.getHost() + ":"
                + properties.getPort() + " (bjsonrpc.server.host / port): " + e.getMessage(), e);
        }
    }
}

package io.github.bjsonrpc.boot.test.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * What {@link AutoConfigureTestBjsonRpcTransport} adds: when the application runs a bjsonrpc server, every
 * configured client connects to it, at the address it bound, resolved at each connection attempt.
 */
@AutoConfiguration(after = {BjsonRpcServerAutoConfiguration.class, BjsonRpcClientAutoConfiguration.class})
@ConditionalOnClass(BjsonRpc.class)
public final class TestBjsonRpcTransportAutoConfiguration {

    @Bean
    @ConditionalOnBean(BjsonRpcServerLifecycle.class)
    @ConditionalOnBooleanProperty(name = "bjsonrpc.test.transport.clients-to-local-server", matchIfMissing = true)
    BjsonRpcClientCustomizer testBjsonRpcClientsToLocalServer(BjsonRpcServerLifecycle server) {
        LocalServerAddress address = new LocalServerAddress(server);
        return (name, builder) -> builder.peer(address);
    }
}

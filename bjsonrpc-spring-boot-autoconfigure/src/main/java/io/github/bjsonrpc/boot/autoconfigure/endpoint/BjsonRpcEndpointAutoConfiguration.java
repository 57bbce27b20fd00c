package io.github.bjsonrpc.boot.autoconfigure.endpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.boot.BjsonRpcConnections;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.actuate.endpoint.BjsonRpcEndpoint;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcClientAutoConfiguration;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcServerAutoConfiguration;
import io.github.bjsonrpc.boot.server.BjsonRpcServerLifecycle;

/**
 * The {@code bjsonrpc} Actuator endpoint ({@link BjsonRpcEndpoint}), when Actuator is present and the endpoint is
 * available (expose it with {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, BjsonRpcServerAutoConfiguration.class,
    BjsonRpcClientAutoConfiguration.class})
@ConditionalOnClass({BjsonRpc.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(BjsonRpcEndpoint.class)
public final class BjsonRpcEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcEndpoint bjsonRpcEndpoint(ObjectProvider<BjsonRpcServerLifecycle> server, BjsonRpcServices services,
            BjsonRpcConnections connections, ObjectProvider<BjsonRpcClient> clients) {
        return new BjsonRpcEndpoint(server.getIfAvailable(), services, connections, clients);
    }
}

package io.github.bjsonrpc.demo;

import java.net.InetSocketAddress;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.boot.BjsonRpcService;

/**
 * Says which demo instance answers: {@code whoami()}, for a client over several instances to see its calls spread.
 */
@BjsonRpcService
public class InstanceService {

    private final Connection connection;

    /**
     * @param connection the connection this instance of the service serves
     */
    public InstanceService(Connection connection) {
        this.connection = connection;
    }

    /** {@code demo on port <its bjsonrpc port>}. */
    public String whoami() {
        return "demo on port " + ((InetSocketAddress) connection.localAddress()).getPort();
    }
}

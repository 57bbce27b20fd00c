package io.github.bjsonrpc.boot.server;

import org.springframework.context.ApplicationEvent;

import io.github.bjsonrpc.BjsonRpcServer;

/** Published once the bjsonrpc server is bound and serving; {@link #port()} is the bound port. */
public class BjsonRpcServerStartedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * @param server the running server
     */
    public BjsonRpcServerStartedEvent(BjsonRpcServer server) {
        super(server);
    }

    /** The running server. */
    public BjsonRpcServer server() {
        return (BjsonRpcServer) getSource();
    }

    /** The bound port. */
    public int port() {
        return server().port();
    }
}

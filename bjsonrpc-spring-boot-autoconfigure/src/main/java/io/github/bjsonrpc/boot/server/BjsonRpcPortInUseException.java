package io.github.bjsonrpc.boot.server;

/**
 * The bjsonrpc server could not start: its port is already in use. Spring Boot explains it at start-up, with what
 * to do, instead of a stack trace.
 */
public class BjsonRpcPortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    /**
     * @param host the address the server was to listen on
     * @param port the port in use
     * @param cause why binding failed
     */
    public BjsonRpcPortInUseException(String host, int port, Throwable cause) {
        super("bjsonrpc.server.port " + port + " is already in use on " + host + ": set bjsonrpc.server.port to "
            + "another port, or 0 for a free one; or, if this application serves nothing over bjsonrpc, turn its "
            + "server off with bjsonrpc.server.enabled=false", cause);
        this.host = host;
        this.port = port;
    }

    /** The address the server was to listen on. */
    public String host() {
        return host;
    }

    /** The port in use. */
    public int port() {
        return port;
    }
}

package io.github.bjsonrpc.demo;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.boot.BjsonRpcService;

/** The server calling its client back, on the connection the call came from. */
@BjsonRpcService
public class ReverseCallsService {

    private final Connection connection;

    /**
     * @param connection the connection this instance serves, injected by the starter
     */
    public ReverseCallsService(Connection connection) {
        this.connection = connection;
    }

    /** Asks the client for {@code clientName()} and {@code clientAdd(x, 10)}: {@code "<name>:<sum>"}. */
    public String askClient(Object x) {
        return connection.call("clientName") + ":" + connection.call("clientAdd", x, 10);
    }

    /** Calls a method no client publishes: the client's error comes back as this call's error. */
    public Object askClientMissing() {
        return connection.call("noSuchClientMethod");
    }

    /** Sends the client the notification {@code clientNote(text)}, then returns {@code "sent"}. */
    public String notifyMe(String text) {
        connection.notify("clientNote", text);
        return "sent";
    }
}

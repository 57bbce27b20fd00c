package io.github.bjsonrpc.boot.observation;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;

/**
 * What is known of one observed bjsonrpc call, handled or issued: which method, on which kind of connection, and
 * once it ended, its type and outcome.
 */
public final class BjsonRpcCall {

    private final String method;
    private final Role role;
    private final @Nullable String clientName;
    private RpcObserver.@Nullable CallType type;
    private RpcObserver.@Nullable Outcome outcome;

    /**
     * @param method the method, low-cardinality ({@code Class.method} on remote objects)
     * @param role who opened the connection
     * @param clientName the configured client, or {@code null} for the server's connections
     */
    public BjsonRpcCall(String method, Role role, @Nullable String clientName) {
        this.method = method;
        this.role = role;
        this.clientName = clientName;
    }

    /** The method. */
    public String method() {
        return method;
    }

    /** Who opened the connection. */
    public Role role() {
        return role;
    }

    /** The configured client, or {@code null} for the server's connections. */
    public @Nullable String clientName() {
        return clientName;
    }

    /** The call's type, once it ended; {@code null} before. */
    public RpcObserver.@Nullable CallType type() {
        return type;
    }

    /** The call's outcome, once it ended; {@code null} before. */
    public RpcObserver.@Nullable Outcome outcome() {
        return outcome;
    }

    /**
     * Records how the call ended.
     *
     * @param endedType what kind of exchange it was
     * @param endedOutcome how it ended
     */
    public void ended(RpcObserver.CallType endedType, RpcObserver.Outcome endedOutcome) {
        this.type = endedType;
        this.outcome = endedOutcome;
    }
}

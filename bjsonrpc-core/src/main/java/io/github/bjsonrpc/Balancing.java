package io.github.bjsonrpc;

/**
 * How a client over several instances ({@link BjsonRpcClient#builder(PeerList)}) chooses the connection of each
 * call. Only connected instances are chosen, and never a connection whose instance has begun shutting down.
 */
public enum Balancing {

    /** Each connected connection in turn. */
    ROUND_ROBIN,

    /**
     * The connection with the fewest requests of this client waiting for their replies; among equals, in turn. An
     * instance that answers slowly, or is busy with long calls, gets fewer new ones.
     */
    LEAST_IN_FLIGHT
}

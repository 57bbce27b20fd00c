package io.github.bjsonrpc;

/** Which side opened the TCP connection. Once connected both sides are equal; the role only tells who dialled. */
public enum Role {
    /** Accepted by a {@link BjsonRpcServer}. */
    ACCEPTED,
    /** Opened by {@link BjsonRpc#connect}. */
    INITIATED
}

package io.github.bjsonrpc;

import java.time.Instant;

/**
 * One instance a client connects to, as {@link BjsonRpcClient#instances()} shows it.
 *
 * @param address where the instance listens
 * @param state {@link BjsonRpcClient.State#CONNECTED} while at least one of the client's connections to it is open
 * @param connections the client's open connections to it
 * @param lastError why the latest attempt to connect to it failed, or {@code null} since a success
 * @param nextAttempt when the next attempt to connect to it is due, or {@code null} if none is scheduled
 */
public record PeerState(PeerAddress address, BjsonRpcClient.State state, int connections, Throwable lastError,
        Instant nextAttempt) {
}

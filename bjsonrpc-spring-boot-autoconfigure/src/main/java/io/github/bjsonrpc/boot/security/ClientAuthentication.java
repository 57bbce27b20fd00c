package io.github.bjsonrpc.boot.security;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionListener;
import io.github.bjsonrpc.IssuedCall;
import io.github.bjsonrpc.RpcInterceptor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * A client's credentials, sent with the handshake ({@value BjsonRpcAuthenticationService#METHOD}) as each of its
 * connections opens, the first and every one after a reconnect; they are asked for at each. The calls the client
 * sends on a connection wait for the handshake's reply first (at most the connection's call timeout), so that none
 * runs unauthenticated; but those sent from an I/O thread, such as a connection listener's, go at once and may reach
 * the server before the handshake (the reply they would wait for is read on that thread). A refused handshake is
 * logged at WARN; the calls then go as they are, and the server answers them as it answers an unauthenticated
 * connection.
 */
public class ClientAuthentication implements ConnectionListener, RpcInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthentication.class);
    private static final String HANDSHAKE = ClientAuthentication.class.getName() + ".handshake";

    private final String client;
    private final Supplier<BjsonRpcClientCredentials.@Nullable Credentials> credentials;
    private final Executor executor;

    /**
     * @param client the client's name, for logs
     * @param credentials gives what is sent on each connection; {@code null} for nothing
     * @param executor where the credentials are asked for and the handshake sent from (never an I/O thread)
     */
    public ClientAuthentication(String client, Supplier<BjsonRpcClientCredentials.@Nullable Credentials> credentials,
            Executor executor) {
        this.client = client;
        this.credentials = credentials;
        this.executor = executor;
    }

    @Override
    public void opened(Connection connection) {
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        connection.attributes().put(HANDSHAKE, handshake);
        Runnable send = () -> {
            try {
                BjsonRpcClientCredentials.Credentials sent = credentials.get();
                if (sent == null) {
                    handshake.complete(null);
                    return;
                }
                connection.method(BjsonRpcAuthenticationService.METHOD, sent.username(), sent.password())
                    .toCompletableFuture().whenComplete((who, failure) -> {
                        if (failure != null) {
                            log.warn("Client '{}' could not authenticate as '{}' on connection {}: {}", client,
                                sent.username(), connection.id(), failure.getMessage());
                        } else {
                            log.debug("Client '{}' authenticated on connection {}: {}", client, connection.id(), who);
                        }
                        handshake.complete(null);
                    });
            } catch (RuntimeException e) {
                log.warn("Client '{}' could not send its credentials on connection {}: {}", client, connection.id(),
                    e.getMessage());
                handshake.complete(null);
            }
        };
        try {
            executor.execute(send);
        } catch (RejectedExecutionException e) {
            handshake.complete(null);
        }
    }

    @Override
    public Object aroundIssued(IssuedCall call) {
        // an I/O thread (a connection listener sending) never waits: the reply it would wait for is read there
        if (!call.method().equals(BjsonRpcAuthenticationService.METHOD)
                && call.connection().attributes().get(HANDSHAKE) instanceof CompletableFuture<?> handshake
                && !handshake.isDone() && ThreadExecutorMap.currentExecutor() == null) {
            try {
                handshake.get(call.connection().options().callTimeout().toNanos(),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("Client '{}' sends '{}' on connection {} before its handshake was answered", client,
                    call.method(), call.connection().id());
            }
        }
        return call.proceed();
    }

    @Override
    public String toString() {
        return "ClientAuthentication[" + client + "]";
    }
}

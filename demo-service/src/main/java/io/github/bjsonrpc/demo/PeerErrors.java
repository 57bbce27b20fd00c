package io.github.bjsonrpc.demo;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.CallTimeoutException;
import io.github.bjsonrpc.ConnectionClosedException;
import io.github.bjsonrpc.RemoteError;

/**
 * How {@code POST /peer/{method}} answers when the call fails, always with a body {@code {"error": "..."}}: 503 when
 * the peer is not reachable (connection refused or lost, with the reason), 502 with the peer's own error text when it
 * answered an error, 504 when no reply came within the call timeout, 503 when a limit of the client refused the call.
 */
@RestControllerAdvice(assignableTypes = PeerController.class)
public class PeerErrors {

    /**
     * The body of every failure.
     *
     * @param error what went wrong
     */
    public record PeerError(String error) {
    }

    private final BjsonRpcClient peer;

    /**
     * @param peer the client whose address the 503 answer names
     */
    public PeerErrors(BjsonRpcClient peer) {
        this.peer = peer;
    }

    /**
     * @param e the peer could not be reached, or the connection closed before the reply
     * @return 503
     */
    @ExceptionHandler
    public ResponseEntity<PeerError> notReachable(ConnectionClosedException e) {
        Throwable failedToConnect = peer.state() == BjsonRpcClient.State.CONNECTED ? null : peer.lastError();
        String reason = failedToConnect == null ? e.getMessage()
            : NestedExceptionUtils.getMostSpecificCause(failedToConnect).getMessage();
        return answer(HttpStatus.SERVICE_UNAVAILABLE,
            "peer not reachable at " + peer.host() + ":" + peer.port() + ": " + reason);
    }

    /**
     * @param e the peer answered an error
     * @return 502 with the peer's text
     */
    @ExceptionHandler
    public ResponseEntity<PeerError> remoteError(RemoteError e) {
        return answer(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    /**
     * @param e no reply within the call timeout
     * @return 504
     */
    @ExceptionHandler
    public ResponseEntity<PeerError> timeout(CallTimeoutException e) {
        return answer(HttpStatus.GATEWAY_TIMEOUT, e.getMessage());
    }

    /**
     * @param e any other failure of the client, such as a limit that refused the call
     * @return 503
     */
    @ExceptionHandler
    public ResponseEntity<PeerError> refused(BjsonRpcException e) {
        return answer(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static ResponseEntity<PeerError> answer(HttpStatus status, String error) {
        return ResponseEntity.status(status).body(new PeerError(error));
    }
}

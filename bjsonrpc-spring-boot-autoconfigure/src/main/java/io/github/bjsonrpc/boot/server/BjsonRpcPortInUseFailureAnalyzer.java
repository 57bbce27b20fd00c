package io.github.bjsonrpc.boot.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link BjsonRpcPortInUseException} at start-up, as Spring Boot does for its web server's port. */
class BjsonRpcPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<BjsonRpcPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BjsonRpcPortInUseException cause) {
        return new FailureAnalysis("bjsonrpc server failed to start. Port " + cause.port()
            + " was already in use.", "Identify and stop the process that's listening on port " + cause.port()
            + " or configure this application to listen on another port (bjsonrpc.server.port; 0 for a free one). "
            + "If this application serves nothing over bjsonrpc, turn its server off with "
            + "bjsonrpc.server.enabled=false.", cause);
    }
}

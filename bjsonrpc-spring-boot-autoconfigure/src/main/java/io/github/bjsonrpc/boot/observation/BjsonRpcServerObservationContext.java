package io.github.bjsonrpc.boot.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The observation of a request of the peer handled here. Its carrier is the context the peer propagated with the
 * request (trace headers), so that the handled call continues the caller's trace.
 */
public class BjsonRpcServerObservationContext extends ReceiverContext<Map<String, String>> {

    private final BjsonRpcCall call;

    /**
     * @param call the call handled
     * @param propagated what the peer propagated with it, empty when nothing
     */
    public BjsonRpcServerObservationContext(BjsonRpcCall call, Map<String, String> propagated) {
        super((carrier, key) -> carrier.get(key), Kind.SERVER);
        this.call = call;
        setCarrier(propagated);
    }

    /** The call handled. */
    public BjsonRpcCall call() {
        return call;
    }
}

package io.github.bjsonrpc.boot.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The observation of a request sent from here. Its carrier is the context propagated with the request (trace
 * headers a tracing handler puts in it when the observation starts), written in the request's {@code context}
 * member.
 */
public class BjsonRpcClientObservationContext extends SenderContext<Map<String, String>> {

    private final BjsonRpcCall call;

    /**
     * @param call the call issued
     */
    public BjsonRpcClientObservationContext(BjsonRpcCall call) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        }, Kind.CLIENT);
        this.call = call;
        setCarrier(new LinkedHashMap<>());
    }

    /** The call issued. */
    public BjsonRpcCall call() {
        return call;
    }
}

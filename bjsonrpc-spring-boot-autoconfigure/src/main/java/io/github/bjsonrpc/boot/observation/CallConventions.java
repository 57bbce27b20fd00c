package io.github.bjsonrpc.boot.observation;

import java.util.Map;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;

/** The conventions of both sides of calls, asked as an observation would ask them. */
final class CallConventions {

    /** Which side of a call. */
    enum Side {
        /** A request of the peer handled here. */
        HANDLED,
        /** A request sent from here. */
        ISSUED
    }

    private final BjsonRpcServerObservationConvention server;
    private final BjsonRpcClientObservationConvention client;

    CallConventions(BjsonRpcServerObservationConvention server, BjsonRpcClientObservationConvention client) {
        this.server = server;
        this.client = client;
    }

    /** A fresh observation context of one side's call. */
    Observation.Context context(Side side, BjsonRpcCall call) {
        return side == Side.HANDLED ? new BjsonRpcServerObservationContext(call, Map.of())
            : new BjsonRpcClientObservationContext(call);
    }

    /** The name of one side's observations. */
    String name(Side side) {
        return side == Side.HANDLED ? server.getName() : client.getName();
    }

    /** The low-cardinality keys of a context made by {@link #context}. */
    KeyValues lowCardinalityKeyValues(Observation.Context context) {
        return context instanceof BjsonRpcServerObservationContext handled
            ? server.getLowCardinalityKeyValues(handled)
            : client.getLowCardinalityKeyValues((BjsonRpcClientObservationContext) context);
    }
}

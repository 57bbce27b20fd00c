package io.github.bjsonrpc.boot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of handled calls: observations {@value #NAME} with low-cardinality keys only:
 * {@code rpc.system=bjsonrpc}, {@code rpc.method} ({@code Class.method} for remote objects), {@code rpc.type}
 * ({@code call}, {@code notify}, {@code pipe}), {@code outcome}, {@code connection.role} ({@code accepted},
 * {@code initiated}) and {@code client.name} ({@code none} on the server's connections). Never a peer address or
 * an id. Contextual name: {@code handle <method>}.
 */
public class DefaultBjsonRpcServerObservationConvention implements BjsonRpcServerObservationConvention {

    /** The name of observations of requests handled here. */
    public static final String NAME = "bjsonrpc.handled";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(BjsonRpcServerObservationContext context) {
        return "handle " + context.call().method();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(BjsonRpcServerObservationContext context) {
        return CallKeyValues.of(context.call());
    }
}

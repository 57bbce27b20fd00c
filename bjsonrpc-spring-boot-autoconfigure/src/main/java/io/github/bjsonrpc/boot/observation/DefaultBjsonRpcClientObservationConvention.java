package io.github.bjsonrpc.boot.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of issued calls: observations {@value #NAME} with the same low-cardinality keys as
 * {@link DefaultBjsonRpcServerObservationConvention}. Contextual name: {@code call <method>}.
 */
public class DefaultBjsonRpcClientObservationConvention implements BjsonRpcClientObservationConvention {

    /** The name of observations of requests sent from here. */
    public static final String NAME = "bjsonrpc.issued";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(BjsonRpcClientObservationContext context) {
        return "call " + context.call().method();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(BjsonRpcClientObservationContext context) {
        return CallKeyValues.of(context.call());
    }
}

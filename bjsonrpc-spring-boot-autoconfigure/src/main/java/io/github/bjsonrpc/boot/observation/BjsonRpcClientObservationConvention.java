package io.github.bjsonrpc.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of requests sent from here. Define a bean of this type to replace
 * {@link DefaultBjsonRpcClientObservationConvention}.
 */
public interface BjsonRpcClientObservationConvention extends ObservationConvention<BjsonRpcClientObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof BjsonRpcClientObservationContext;
    }
}

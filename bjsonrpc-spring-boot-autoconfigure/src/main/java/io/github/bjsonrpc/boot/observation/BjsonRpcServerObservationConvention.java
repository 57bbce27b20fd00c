package io.github.bjsonrpc.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of requests of the peer handled here. Define a bean of this type to replace
 * {@link DefaultBjsonRpcServerObservationConvention}.
 */
public interface BjsonRpcServerObservationConvention extends ObservationConvention<BjsonRpcServerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof BjsonRpcServerObservationContext;
    }
}

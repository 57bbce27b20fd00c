package io.github.bjsonrpc.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of bjsonrpc calls. Define a bean of this type to replace
 * {@link DefaultBjsonRpcObservationConvention}.
 */
public interface BjsonRpcObservationConvention extends ObservationConvention<BjsonRpcObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof BjsonRpcObservationContext;
    }
}

package io.github.bjsonrpc.boot.autoconfigure.observation;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.boot.observation.BjsonRpcMethodTimers;
import io.github.bjsonrpc.boot.observation.BjsonRpcClientObservationConvention;
import io.github.bjsonrpc.boot.observation.BjsonRpcServerObservationConvention;
import io.github.bjsonrpc.boot.observation.MeterRpcObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;

/**
 * The meters side of call observation: what the observation registry's predicates, filters and the long task timer
 * setting say about the meters of calls, and whether calls may skip the Observation API and go straight to the
 * meter registry with a {@link MeterRpcObserver} — only when every observation handler is a meter handler (no
 * tracing, nothing else listening), which then sees exactly the meters it would have recorded.
 */
final class DirectMetrics {

    /** The property that allows the direct path. */
    static final String PROPERTY = "bjsonrpc.observation.direct-metrics";

    private static final String IGNORED_METERS = "management.metrics.observations.ignored-meters";

    private final MeterRegistry meters;
    private final BjsonRpcServerObservationConvention serverConvention;
    private final BjsonRpcClientObservationConvention clientConvention;
    private final List<ObservationPredicate> predicates;
    private final List<ObservationFilter> filters;
    private final boolean applies;
    private final boolean longTaskTimers;

    DirectMetrics(MeterRegistry meters, BjsonRpcServerObservationConvention serverConvention,
            BjsonRpcClientObservationConvention clientConvention, List<ObservationHandler<?>> handlers,
            List<ObservationPredicate> predicates, List<ObservationFilter> filters, Environment environment) {
        this.meters = meters;
        this.serverConvention = serverConvention;
        this.clientConvention = clientConvention;
        this.predicates = List.copyOf(predicates);
        this.filters = List.copyOf(filters);
        this.applies = !handlers.isEmpty() && handlers.stream().allMatch(MeterObservationHandler.class::isInstance)
            && environment.getProperty(PROPERTY, Boolean.class, true);
        this.longTaskTimers = !Binder.get(environment)
            .bind(IGNORED_METERS, Bindable.setOf(DefaultMeterObservationHandler.IgnoredMeters.class))
            .orElse(Set.of()).contains(DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER);
    }

    /**
     * @param clientName the configured client whose connections are observed, or {@code null} for the server's
     * @return the direct observer of those connections' calls, or {@code null} when calls must go through the
     *     Observation API
     */
    @Nullable RpcObserver observer(@Nullable String clientName) {
        return applies ? new MeterRpcObserver(meters, serverConvention, clientConvention, predicates, filters,
            longTaskTimers, clientName) : null;
    }

    /** What registers the timers of the server's published methods, tagged as their calls' timers will be. */
    BjsonRpcMethodTimers methodTimers() {
        return new BjsonRpcMethodTimers(meters, serverConvention, predicates, filters);
    }
}

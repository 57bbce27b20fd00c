package io.github.bjsonrpc.boot.observation;

import java.util.List;

import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationPredicate;

/**
 * Registers the timer of each method the server publishes, as a successful call would name and tag it, so that
 * their series exist from zero before the first call.
 */
public final class BjsonRpcMethodTimers {

    private final MeterRegistry registry;
    private final CallMeterNames names;

    /**
     * @param registry where the timers go
     * @param convention names and tags them, as it does the observations of handled calls
     * @param predicates the observation registry's predicates: a method whose calls they turn off gets no timer
     * @param filters the observation registry's filters: their keys tag the timers, as they do the calls' timers
     */
    public BjsonRpcMethodTimers(MeterRegistry registry, BjsonRpcServerObservationConvention convention,
            List<ObservationPredicate> predicates, List<ObservationFilter> filters) {
        this.registry = registry;
        CallConventions conventions = new CallConventions(convention,
            new DefaultBjsonRpcClientObservationConvention());
        this.names = new CallMeterNames(conventions, predicates, filters);
    }

    /**
     * @param methods the methods the server publishes
     */
    public void register(Iterable<String> methods) {
        CallConventions.Side side = CallConventions.Side.HANDLED;
        for (String method : methods) {
            if (names.observed(side, method, Role.ACCEPTED, null)) {
                Timer.builder(names.name(side)).tags(names.timerTags(side, method, Role.ACCEPTED, null,
                    RpcObserver.CallType.CALL, RpcObserver.Outcome.SUCCESS, null)).register(registry);
            }
        }
    }
}

package io.github.bjsonrpc.boot.observation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationPredicate;

/**
 * Records the same timers as {@link ObservationRpcObserver} with Micrometer's meter handler, named and tagged the
 * same way, straight to the meter registry: for applications whose observations go to meters only (no tracing, no
 * other observation handler), where building an {@code Observation} per call would cost several times the call.
 * Each method's meters are resolved once (see {@link CallMeters}); a call then costs a map lookup, a long task
 * timer sample and a timer record.
 */
public final class MeterRpcObserver implements RpcObserver {

    private final MeterRegistry registry;
    private final CallMeterNames names;
    private final boolean longTaskTimers;
    private final @Nullable String clientName;
    private final Map<CallConventions.Side, Map<Role, Map<String, Supplier<Scope>>>> meters =
        new EnumMap<>(CallConventions.Side.class);

    /**
     * @param registry where the meters go
     * @param serverConvention names and tags the meters of handled calls
     * @param clientConvention names and tags the meters of issued calls
     * @param predicates the observation registry's predicates: a call they turn off is not recorded
     * @param filters the observation registry's filters: their keys tag the timers
     * @param longTaskTimers whether to keep the {@code .active} long task timers
     * @param clientName the configured client whose connections are observed, or {@code null} for the server's
     */
    public MeterRpcObserver(MeterRegistry registry, BjsonRpcServerObservationConvention serverConvention,
            BjsonRpcClientObservationConvention clientConvention,
            List<ObservationPredicate> predicates, List<ObservationFilter> filters, boolean longTaskTimers,
            @Nullable String clientName) {
        this.registry = registry;
        this.names = new CallMeterNames(new CallConventions(serverConvention, clientConvention), predicates,
            filters);
        this.longTaskTimers = longTaskTimers;
        this.clientName = clientName;
        for (CallConventions.Side side : CallConventions.Side.values()) {
            Map<Role, Map<String, Supplier<Scope>>> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, new ConcurrentHashMap<>());
            }
            meters.put(side, byRole);
        }
    }

    @Override
    public Scope handling(Connection connection, String method) {
        return start(CallConventions.Side.HANDLED, connection.role(), method);
    }

    @Override
    public Scope issuing(Connection connection, String method) {
        return start(CallConventions.Side.ISSUED, connection.role(), method);
    }

    private Scope start(CallConventions.Side side, Role role, String method) {
        Map<String, Supplier<Scope>> byMethod = meters.get(side).get(role);
        Supplier<Scope> calls = byMethod.get(method);
        if (calls == null) {
            calls = byMethod.computeIfAbsent(method, name -> names.observed(side, name, role, clientName)
                ? new CallMeters(registry, names, longTaskTimers, side, name, role, clientName)::start
                : () -> Scope.NOOP);
        }
        return calls.get();
    }
}

package io.github.bjsonrpc.boot.observation;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationPredicate;

/**
 * Names and tags the meters of calls exactly as Micrometer's meter observation handler would from an observation:
 * the convention's name and low-cardinality keys, the observation filters' keys on the timer (applied when an
 * observation stops), none on the long task timer (tagged when an observation starts), and the observation
 * predicates deciding whether there is anything to record. Works out each name once: the meters it describes are
 * then resolved once and kept.
 */
final class CallMeterNames {

    /** The tag Micrometer's meter handler adds to every timer of an observation. */
    static final String ERROR = "error";

    private final BjsonRpcObservationConvention convention;
    private final List<ObservationPredicate> predicates;
    private final List<ObservationFilter> filters;

    /**
     * @param convention names and tags the observations
     * @param predicates the observation registry's predicates
     * @param filters the observation registry's filters
     */
    CallMeterNames(BjsonRpcObservationConvention convention, List<ObservationPredicate> predicates,
            List<ObservationFilter> filters) {
        this.convention = convention;
        this.predicates = List.copyOf(predicates);
        this.filters = List.copyOf(filters);
    }

    /**
     * @return whether an observation of these calls would be recorded at all
     */
    boolean observed(BjsonRpcObservationContext.Side side, String method, Role role, @Nullable String clientName) {
        BjsonRpcObservationContext context = new BjsonRpcObservationContext(side, method, role, clientName);
        String name = name(side);
        return predicates.stream().allMatch(predicate -> predicate.test(name, context));
    }

    /** The name of the timer of one side's calls; its long task timer adds {@code .active}. */
    String name(BjsonRpcObservationContext.Side side) {
        return IssuedConvention.of(convention, side).getName();
    }

    /** The long task timer's tags: the keys of a call that has not ended yet. */
    List<Tag> activeTags(BjsonRpcObservationContext.Side side, String method, Role role, @Nullable String clientName) {
        BjsonRpcObservationContext context = new BjsonRpcObservationContext(side, method, role, clientName);
        return tags(IssuedConvention.of(convention, side).getLowCardinalityKeyValues(context));
    }

    /** The timer's tags: the keys of a call that ended so, the filters' keys and {@value #ERROR}. */
    List<Tag> timerTags(BjsonRpcObservationContext.Side side, String method, Role role, @Nullable String clientName,
            RpcObserver.CallType type, RpcObserver.Outcome outcome) {
        BjsonRpcObservationContext context = new BjsonRpcObservationContext(side, method, role, clientName);
        context.ended(type, outcome);
        context.addLowCardinalityKeyValues(IssuedConvention.of(convention, side).getLowCardinalityKeyValues(context));
        Observation.Context filtered = context;
        for (ObservationFilter filter : filters) {
            filtered = filter.map(filtered);
        }
        List<Tag> tags = tags(filtered.getLowCardinalityKeyValues());
        tags.add(Tag.of(ERROR, "none"));
        return tags;
    }

    private static List<Tag> tags(Iterable<KeyValue> keyValues) {
        List<Tag> tags = new ArrayList<>();
        keyValues.forEach(keyValue -> tags.add(Tag.of(keyValue.getKey(), keyValue.getValue())));
        return tags;
    }
}

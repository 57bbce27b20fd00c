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
 * the conventions' names and low-cardinality keys, the observation filters' keys on the timer (applied when an
 * observation stops), none on the long task timer (tagged when an observation starts), the {@value #ERROR} tag
 * (the simple class name of the exception a call failed with, {@code none} otherwise), and the observation
 * predicates deciding whether there is anything to record. Works out each name once: the meters it describes are
 * then resolved once and kept.
 */
final class CallMeterNames {

    /** The tag Micrometer's meter handler adds to every timer of an observation. */
    static final String ERROR = "error";

    private final CallConventions conventions;
    private final List<ObservationPredicate> predicates;
    private final List<ObservationFilter> filters;

    /**
     * @param conventions name and tag the observations
     * @param predicates the observation registry's predicates
     * @param filters the observation registry's filters
     */
    CallMeterNames(CallConventions conventions, List<ObservationPredicate> predicates,
            List<ObservationFilter> filters) {
        this.conventions = conventions;
        this.predicates = List.copyOf(predicates);
        this.filters = List.copyOf(filters);
    }

    /** Whether an observation of these calls would be recorded at all. */
    boolean observed(CallConventions.Side side, String method, Role role, @Nullable String clientName) {
        Observation.Context context = conventions.context(side, new BjsonRpcCall(method, role, clientName));
        String name = name(side);
        return predicates.stream().allMatch(predicate -> predicate.test(name, context));
    }

    /** The name of the timer of one side's calls; its long task timer adds {@code .active}. */
    String name(CallConventions.Side side) {
        return conventions.name(side);
    }

    /** The long task timer's tags: the keys of a call that has not ended yet. */
    List<Tag> activeTags(CallConventions.Side side, String method, Role role, @Nullable String clientName) {
        Observation.Context context = conventions.context(side, new BjsonRpcCall(method, role, clientName));
        return tags(conventions.lowCardinalityKeyValues(context));
    }

    /** The timer's tags: the keys of a call that ended so, the filters' keys and {@value #ERROR}. */
    List<Tag> timerTags(CallConventions.Side side, String method, Role role, @Nullable String clientName,
            RpcObserver.CallType type, RpcObserver.Outcome outcome, @Nullable Class<?> error) {
        BjsonRpcCall call = new BjsonRpcCall(method, role, clientName);
        call.ended(type, outcome);
        Observation.Context context = conventions.context(side, call);
        context.addLowCardinalityKeyValues(conventions.lowCardinalityKeyValues(context));
        for (ObservationFilter filter : filters) {
            context = filter.map(context);
        }
        List<Tag> tags = tags(context.getLowCardinalityKeyValues());
        tags.add(Tag.of(ERROR, error == null ? "none" : error.getSimpleName()));
        return tags;
    }

    private static List<Tag> tags(Iterable<KeyValue> keyValues) {
        List<Tag> tags = new ArrayList<>();
        keyValues.forEach(keyValue -> tags.add(Tag.of(keyValue.getKey(), keyValue.getValue())));
        return tags;
    }
}

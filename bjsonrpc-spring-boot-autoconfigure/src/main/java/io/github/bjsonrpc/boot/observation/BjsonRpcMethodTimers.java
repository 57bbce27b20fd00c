package io.github.bjsonrpc.boot.observation;

import java.util.ArrayList;
import java.util.List;

import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

/**
 * Registers the timer of each method the server publishes, as a successful call would name it, so that their series
 * exist from zero before the first call.
 */
public final class BjsonRpcMethodTimers {

    private final MeterRegistry registry;
    private final BjsonRpcObservationConvention convention;

    /**
     * @param registry where the timers go
     * @param convention names and tags them, as it does the observations
     */
    public BjsonRpcMethodTimers(MeterRegistry registry, BjsonRpcObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    /**
     * @param methods the methods the server publishes
     */
    public void register(Iterable<String> methods) {
        for (String method : methods) {
            BjsonRpcObservationContext context = new BjsonRpcObservationContext(
                BjsonRpcObservationContext.Side.HANDLED, method, Role.ACCEPTED, null);
            context.ended(RpcObserver.CallType.CALL, RpcObserver.Outcome.SUCCESS);
            List<Tag> tags = new ArrayList<>();
            convention.getLowCardinalityKeyValues(context).forEach(kv -> tags.add(Tag.of(kv.getKey(), kv.getValue())));
            tags.add(Tag.of("error", "none"));
            Timer.builder(convention.getName()).tags(tags).register(registry);
        }
    }
}

package io.github.bjsonrpc.boot.observation;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Role;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one method's calls on one side and kind of connection: its long task timer of calls in progress,
 * resolved when the first call starts, and a timer for each way a call can end, resolved the first time a call
 * ends that way. A call then costs no lookup by name and no tags built.
 */
final class CallMeters {

    private static final int OUTCOMES = RpcObserver.Outcome.values().length;

    private final MeterRegistry registry;
    private final CallMeterNames names;
    private final BjsonRpcObservationContext.Side side;
    private final String method;
    private final Role role;
    private final @Nullable String clientName;
    private final @Nullable LongTaskTimer active;
    private final AtomicReferenceArray<Timer> timers =
        new AtomicReferenceArray<>(RpcObserver.CallType.values().length * OUTCOMES);

    CallMeters(MeterRegistry registry, CallMeterNames names, boolean longTaskTimer,
            BjsonRpcObservationContext.Side side, String method, Role role, @Nullable String clientName) {
        this.registry = registry;
        this.names = names;
        this.side = side;
        this.method = method;
        this.role = role;
        this.clientName = clientName;
        this.active = longTaskTimer ? LongTaskTimer.builder(names.name(side) + ".active")
            .tags(names.activeTags(side, method, role, clientName)).register(registry) : null;
    }

    /**
     * One call starts.
     *
     * @return the scope to end when it ends
     */
    RpcObserver.Scope start() {
        LongTaskTimer.Sample running = active == null ? null : active.start();
        long started = registry.config().clock().monotonicTime();
        return (type, outcome) -> {
            timer(type, outcome).record(registry.config().clock().monotonicTime() - started, TimeUnit.NANOSECONDS);
            if (running != null) {
                running.stop();
            }
        };
    }

    private Timer timer(RpcObserver.CallType type, RpcObserver.Outcome outcome) {
        int index = type.ordinal() * OUTCOMES + outcome.ordinal();
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = Timer.builder(names.name(side))
                .tags(names.timerTags(side, method, role, clientName, type, outcome)).register(registry);
            timers.set(index, timer);
        }
        return timer;
    }
}

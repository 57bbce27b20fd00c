package io.github.bjsonrpc.boot.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * resolved when the first call starts, and a timer for each way a call can end (type, outcome, and the class of
 * the exception it failed with), resolved the first time a call ends that way. A call then costs no lookup by
 * name and no tags built.
 */
final class CallMeters {

    private static final int OUTCOMES = RpcObserver.Outcome.values().length;

    private final MeterRegistry registry;
    private final CallMeterNames names;
    private final CallConventions.Side side;
    private final String method;
    private final Role role;
    private final @Nullable String clientName;
    private final @Nullable LongTaskTimer active;
    /** The timers of calls that ended without an exception, by type and outcome. */
    private final AtomicReferenceArray<Timer> timers =
        new AtomicReferenceArray<>(RpcObserver.CallType.values().length * OUTCOMES);
    /** The timers of calls that failed with an exception. */
    private final Map<FailureKey, Timer> failures = new ConcurrentHashMap<>();

    private record FailureKey(RpcObserver.CallType type, RpcObserver.Outcome outcome, Class<?> error) {
    }

    CallMeters(MeterRegistry registry, CallMeterNames names, boolean longTaskTimer, CallConventions.Side side,
            String method, Role role, @Nullable String clientName) {
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
        return new Running(active == null ? null : active.start(), registry.config().clock().monotonicTime());
    }

    private Timer timer(RpcObserver.CallType type, RpcObserver.Outcome outcome, @Nullable Throwable error) {
        if (error != null) {
            return failures.computeIfAbsent(new FailureKey(type, outcome, error.getClass()), key -> register(type,
                outcome, key.error()));
        }
        int index = type.ordinal() * OUTCOMES + outcome.ordinal();
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = register(type, outcome, null);
            timers.set(index, timer);
        }
        return timer;
    }

    private Timer register(RpcObserver.CallType type, RpcObserver.Outcome outcome, @Nullable Class<?> error) {
        return Timer.builder(names.name(side))
            .tags(names.timerTags(side, method, role, clientName, type, outcome, error)).register(registry);
    }

    /** One call in progress. */
    private final class Running implements RpcObserver.Scope {

        private final LongTaskTimer.@Nullable Sample sample;
        private final long started;

        Running(LongTaskTimer.@Nullable Sample sample, long started) {
            this.sample = sample;
            this.started = started;
        }

        @Override
        public void end(RpcObserver.CallType type, RpcObserver.Outcome outcome) {
            end(type, outcome, null);
        }

        @Override
        public void end(RpcObserver.CallType type, RpcObserver.Outcome outcome, @Nullable Throwable error) {
            timer(type, outcome, error).record(registry.config().clock().monotonicTime() - started,
                TimeUnit.NANOSECONDS);
            if (sample != null) {
                sample.stop();
            }
        }
    }
}

package io.github.bjsonrpc.benchmarks.spring;

import io.github.bjsonrpc.benchmarks.contract.EchoHandler;
import io.github.bjsonrpc.boot.BjsonRpcService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The load-test contract published the way an application publishes its services: one instance per connection.
 * It also answers {@code observedCalls()}, so that a load run can show that what it measured was observed.
 */
@BjsonRpcService
public class LoadContractService extends EchoHandler {

    /** The timer of every call handled here, as the README lists it. */
    static final String HANDLED_TIMER = "bjsonrpc.handled";

    private final MeterRegistry meters;

    /**
     * @param meters the application's registry
     */
    public LoadContractService(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The calls Micrometer has timed as handled by this application, on all connections. */
    public long observedCalls() {
        return meters.find(HANDLED_TIMER).timers().stream().mapToLong(Timer::count).sum();
    }
}

package io.github.bjsonrpc.boot.observation;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Turns every handled and issued call into a Micrometer {@link Observation}: a timer per method and outcome, and a
 * span when tracing is present. A handled call's observation is current while its handler runs, so the calls the
 * handler makes are its children.
 */
public final class ObservationRpcObserver implements RpcObserver {

    private static final DefaultBjsonRpcObservationConvention DEFAULT = new DefaultBjsonRpcObservationConvention();

    private final ObservationRegistry registry;
    private final BjsonRpcObservationConvention convention;
    private final @Nullable String clientName;

    /**
     * @param registry where the observations go
     * @param convention names and tags them
     * @param clientName the configured client whose connections are observed, or {@code null} for the server's
     */
    public ObservationRpcObserver(ObservationRegistry registry, BjsonRpcObservationConvention convention,
            @Nullable String clientName) {
        this.registry = registry;
        this.convention = convention;
        this.clientName = clientName;
    }

    @Override
    public Scope handling(Connection connection, String method) {
        BjsonRpcObservationContext context = new BjsonRpcObservationContext(BjsonRpcObservationContext.Side.HANDLED,
            method, connection.role(), clientName);
        Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry)
            .start();
        Observation.Scope current = observation.openScope();
        return (type, outcome) -> {
            context.ended(type, outcome);
            current.close();
            observation.stop();
        };
    }

    @Override
    public Scope issuing(Connection connection, String method) {
        BjsonRpcObservationContext context = new BjsonRpcObservationContext(BjsonRpcObservationContext.Side.ISSUED,
            method, connection.role(), clientName);
        Observation observation = Observation.createNotStarted(IssuedConvention.of(convention, context.side()),
            () -> context, registry).start();
        return (type, outcome) -> {
            context.ended(type, outcome);
            observation.stop();
        };
    }
}

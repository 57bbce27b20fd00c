package io.github.bjsonrpc.boot.observation;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RpcObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Turns every handled and issued call into a Micrometer {@link Observation}: a timer per method and outcome, and a
 * span when tracing is present, with the call's exception recorded when it failed with one. A handled call
 * continues the trace its caller propagated, and its observation is current while its handler runs, so the calls
 * the handler makes are its children; an issued call propagates its own trace context in its request.
 */
public final class ObservationRpcObserver implements RpcObserver {

    private static final DefaultBjsonRpcServerObservationConvention DEFAULT_SERVER =
        new DefaultBjsonRpcServerObservationConvention();
    private static final DefaultBjsonRpcClientObservationConvention DEFAULT_CLIENT =
        new DefaultBjsonRpcClientObservationConvention();

    private final ObservationRegistry registry;
    private final BjsonRpcServerObservationConvention serverConvention;
    private final BjsonRpcClientObservationConvention clientConvention;
    private final @Nullable String clientName;

    /**
     * @param registry where the observations go
     * @param serverConvention names and tags the observations of handled calls
     * @param clientConvention names and tags the observations of issued calls
     * @param clientName the configured client whose connections are observed, or {@code null} for the server's
     */
    public ObservationRpcObserver(ObservationRegistry registry, BjsonRpcServerObservationConvention serverConvention,
            BjsonRpcClientObservationConvention clientConvention, @Nullable String clientName) {
        this.registry = registry;
        this.serverConvention = serverConvention;
        this.clientConvention = clientConvention;
        this.clientName = clientName;
    }

    @Override
    public Scope handling(Connection connection, String method) {
        return handling(connection, method, Map.of());
    }

    @Override
    public Scope handling(Connection connection, String method, Map<String, String> context) {
        BjsonRpcCall call = new BjsonRpcCall(method, connection.role(), clientName);
        BjsonRpcServerObservationContext observed = new BjsonRpcServerObservationContext(call, context);
        Observation observation = Observation.createNotStarted(serverConvention, DEFAULT_SERVER, () -> observed,
            registry).start();
        return new ObservedScope(call, observation, observation.openScope(), Map.of());
    }

    @Override
    public Scope issuing(Connection connection, String method) {
        BjsonRpcCall call = new BjsonRpcCall(method, connection.role(), clientName);
        BjsonRpcClientObservationContext observed = new BjsonRpcClientObservationContext(call);
        Observation observation = Observation.createNotStarted(clientConvention, DEFAULT_CLIENT, () -> observed,
            registry).start();
        Map<String, String> propagated = observed.getCarrier();
        return new ObservedScope(call, observation, null, propagated == null ? Map.of() : propagated);
    }

    /** One call's observation: stopped, with its error if any, when the call ends. */
    private record ObservedScope(BjsonRpcCall call, Observation observation, Observation.@Nullable Scope current,
            Map<String, String> context) implements Scope {

        @Override
        public void end(CallType type, Outcome outcome) {
            call.ended(type, outcome);
            if (current != null) {
                current.close();
            }
            observation.stop();
        }

        @Override
        public void end(CallType type, Outcome outcome, @Nullable Throwable error) {
            if (error != null) {
                observation.error(error);
            }
            end(type, outcome);
        }
    }
}

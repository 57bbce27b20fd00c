package io.github.bjsonrpc.boot.observation;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags: observations {@value #HANDLED} (requests of the peer handled here) and
 * {@value #ISSUED} (requests sent from here), with low-cardinality keys only: {@code rpc.system=bjsonrpc},
 * {@code rpc.method} ({@code Class.method} for remote objects), {@code rpc.type} ({@code call}, {@code notify},
 * {@code pipe}), {@code outcome}, {@code connection.role} ({@code accepted}, {@code initiated}) and
 * {@code client.name} ({@code none} on the server's connections). Never a peer address or an id.
 */
public class DefaultBjsonRpcObservationConvention implements BjsonRpcObservationConvention {

    /** The name of observations of requests handled here. */
    public static final String HANDLED = "bjsonrpc.handled";

    /** The name of observations of requests sent from here. */
    public static final String ISSUED = "bjsonrpc.issued";

    @Override
    public String getName() {
        return HANDLED;
    }

    @Override
    public String getContextualName(BjsonRpcObservationContext context) {
        return (context.side() == BjsonRpcObservationContext.Side.HANDLED ? "handle " : "call ") + context.method();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(BjsonRpcObservationContext context) {
        return KeyValues.of(
            KeyValue.of("rpc.system", "bjsonrpc"),
            KeyValue.of("rpc.method", context.method()),
            KeyValue.of("rpc.type", lower(context.type(), "call")),
            KeyValue.of("outcome", lower(context.outcome(), "unknown")),
            KeyValue.of("connection.role", lower(context.role(), "unknown")),
            KeyValue.of("client.name", context.clientName() == null ? "none" : context.clientName()));
    }

    private static String lower(@Nullable Enum<?> value, String absent) {
        return value == null ? absent : value.name().toLowerCase(Locale.ROOT);
    }
}

package io.github.bjsonrpc.boot.observation;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/** The default low-cardinality keys of a call, handled or issued alike. */
final class CallKeyValues {

    private CallKeyValues() {
    }

    static KeyValues of(BjsonRpcCall call) {
        return KeyValues.of(
            KeyValue.of("rpc.system", "bjsonrpc"),
            KeyValue.of("rpc.method", call.method()),
            KeyValue.of("rpc.type", lower(call.type(), "call")),
            KeyValue.of("outcome", lower(call.outcome(), "unknown")),
            KeyValue.of("connection.role", lower(call.role(), "unknown")),
            KeyValue.of("client.name", call.clientName() == null ? "none" : call.clientName()));
    }

    private static String lower(@Nullable Enum<?> value, String absent) {
        return value == null ? absent : value.name().toLowerCase(Locale.ROOT);
    }
}

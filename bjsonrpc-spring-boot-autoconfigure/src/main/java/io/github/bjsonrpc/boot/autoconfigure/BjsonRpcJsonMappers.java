package io.github.bjsonrpc.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bjsonrpc.boot.BjsonRpcJsonMapperCustomizer;
import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.json.JsonMapper;

/** Makes the auto-configured mapper of the bjsonrpc connections. */
final class BjsonRpcJsonMappers {

    private BjsonRpcJsonMappers() {
    }

    /**
     * @param application the application's mapper, or {@code null} for the library's own
     * @param customizers applied in their order to a rebuilt copy
     * @return the mapper, ready for the wire; the library's own, untouched, when there is nothing to apply
     */
    static JsonMapper create(@Nullable JsonMapper application, List<BjsonRpcJsonMapperCustomizer> customizers) {
        if (customizers.isEmpty()) {
            return Json.valueMapper(application);
        }
        JsonMapper.Builder builder = (application != null ? application : Json.MAPPER).rebuild();
        customizers.forEach(customizer -> customizer.customize(builder));
        return Json.valueMapper(builder.build());
    }
}

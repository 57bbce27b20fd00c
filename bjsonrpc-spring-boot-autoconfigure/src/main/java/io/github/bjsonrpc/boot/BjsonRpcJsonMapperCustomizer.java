package io.github.bjsonrpc.boot;

import tools.jackson.databind.json.JsonMapper;

/**
 * Adjusts the Jackson mapper of the application's bjsonrpc connections only ({@link BjsonRpcJsonMapper}), leaving
 * the application's own {@link JsonMapper} as it is: for a module, a serializer or a feature that only the bjsonrpc
 * peers should see. Beans of this type are applied in their order, to a builder that starts from the application's
 * mapper (or the library's own when there is none, or with {@code bjsonrpc.json.use-application-mapper=false}).
 */
@FunctionalInterface
public interface BjsonRpcJsonMapperCustomizer {

    /**
     * @param builder the builder of the mapper the bjsonrpc connections will use
     */
    void customize(JsonMapper.Builder builder);
}

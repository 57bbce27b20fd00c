package io.github.bjsonrpc.wire;

import io.github.bjsonrpc.FunctionReference;
import io.github.bjsonrpc.RemoteObject;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The wire's reference objects: a {@link RemoteObject} handle passed back is written as
 * {@code {"__objectreference__":NAME}}, a {@link FunctionReference} as {@code {"__functionreference__":NAME}}.
 */
final class WireModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    WireModule() {
        super("bjsonrpc-wire");
        addSerializer(RemoteObject.class, new Reference<>(Json.OBJECT_REFERENCE, RemoteObject::name));
        addSerializer(FunctionReference.class, new Reference<>(Json.FUNCTION_REFERENCE, FunctionReference::name));
    }

    private static final class Reference<T> extends ValueSerializer<T> {
        private final String key;
        private final java.util.function.Function<T, String> name;

        Reference(String key, java.util.function.Function<T, String> name) {
            this.key = key;
            this.name = name;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializationContext context) {
            gen.writeStartObject();
            gen.writeStringProperty(key, name.apply(value));
            gen.writeEndObject();
        }
    }
}

package io.github.bjsonrpc.wire;

import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.FunctionReference;
import io.github.bjsonrpc.RemoteObject;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * The wire's reference objects: a {@link RemoteObject} handle passed back is written as
 * {@code {"__objectreference__":NAME}}, a {@link FunctionReference} as {@code {"__functionreference__":NAME}}, and
 * an instance of an {@link Exported} class (or of a subclass of one) as {@code {"__remoteobject__":NAME}}.
 */
final class WireModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    WireModule() {
        super("bjsonrpc-wire");
        setSerializers(new ExportedAware());
        addSerializer(RemoteObject.class, new Reference<>(Json.OBJECT_REFERENCE, RemoteObject::name));
        addSerializer(FunctionReference.class, new Reference<>(Json.FUNCTION_REFERENCE, FunctionReference::name));
    }

    /** The serializers added by type, and {@link ExportedSerializer} for every exported class. */
    private static final class ExportedAware extends SimpleSerializers {
        private static final long serialVersionUID = 1L;
        private static final ExportedSerializer EXPORTED = new ExportedSerializer();

        @Override
        public ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides) {
            ValueSerializer<?> added = super.findSerializer(config, type, beanDescRef, formatOverrides);
            if (added != null) {
                return added;
            }
            return isExported(type.getRawClass()) ? EXPORTED : null;
        }

        private static boolean isExported(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                if (c.isAnnotationPresent(Exported.class)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Reference<T> extends ValueSerializer<T> {
        private final String key;
        private final Function<T, String> name;

        Reference(String key, Function<T, String> name) {
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

package io.github.bjsonrpc.wire;

import io.github.bjsonrpc.BjsonRpcException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes an {@link io.github.bjsonrpc.Exported} object as {@code {"__remoteobject__":NAME}}. */
public final class ExportedSerializer extends ValueSerializer<Object> {

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext context) {
        Object exporter = context.getAttribute(Exporter.class);
        if (!(exporter instanceof Exporter objects)) {
            throw new BjsonRpcException(value.getClass().getName()
                + " is @Exported: it can only be written on a bjsonrpc connection");
        }
        gen.writeStartObject();
        gen.writeStringProperty(Json.REMOTE_OBJECT, objects.export(value));
        gen.writeEndObject();
    }
}

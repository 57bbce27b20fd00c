package io.github.bjsonrpc.dispatch;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.FunctionHandle;
import io.github.bjsonrpc.Params;
import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Resolves object and function references against one connection's handler and exported objects. */
final class References implements ArgumentBinder.References {

    private final Connection connection;
    private final ObjectTable objects;
    private final Routes routes;
    private final ObjectMapper values;

    References(Connection connection, ObjectTable objects, Routes routes, ObjectMapper values) {
        this.connection = connection;
        this.objects = objects;
        this.routes = routes;
        this.values = values;
    }

    @Override
    public Object object(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException {
        String name = referenceName(value, Json.OBJECT_REFERENCE);
        if (name == null) {
            throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                + "' must be an object reference");
        }
        Object target = objects.find(name);
        if (target == null) {
            throw new BindException(ErrorMessages.unknownObject(name));
        }
        if (!spec.type().getRawClass().isInstance(target)) {
            throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                + "': object '" + name + "' is not a " + spec.type().getRawClass().getSimpleName());
        }
        return target;
    }

    @Override
    public Object function(PublishedMethod method, ParamSpec spec, JsonNode value) throws BindException {
        String name = referenceName(value, Json.FUNCTION_REFERENCE);
        if (name == null) {
            throw new BindException("TypeError: " + method.qualifiedName() + " argument '" + spec.name()
                + "' must be a function reference");
        }
        Routes.Route route = routes.find(name);
        if (route == null) {
            throw new BindException(ErrorMessages.unknownMethod(name));
        }
        return new BoundFunction(name, route.target(), route.method());
    }

    private static String referenceName(JsonNode value, String key) {
        JsonNode name = value.isObject() && value.size() == 1 ? value.get(key) : null;
        return name != null && name.isString() ? name.stringValue() : null;
    }

    /** A method of this side that the peer named by reference. */
    private final class BoundFunction implements FunctionHandle {
        private final String name;
        private final Object target;
        private final PublishedMethod method;

        BoundFunction(String name, Object target, PublishedMethod method) {
            this.name = name;
            this.target = target;
            this.method = method;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Object invoke(Object... args) {
            Params params = Params.from(args);
            JsonNode positional = values.valueToTree(params.positional());
            JsonNode keywords = params.keywords().isEmpty() ? null : values.valueToTree(params.keywords());
            Object[] bound;
            try {
                bound = ArgumentBinder.bind(method, positional, keywords, connection, References.this, values);
            } catch (BindException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            try {
                return method.invoke(target, bound);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new BjsonRpcException("'" + name + "' failed: " + e, e);
            }
        }

        @Override
        public String toString() {
            return "FunctionHandle[" + name + "]";
        }
    }
}

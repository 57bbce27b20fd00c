package io.github.bjsonrpc.dispatch;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.FunctionHandle;
import io.github.bjsonrpc.OptionalParam;
import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.JavaType;

/**
 * The published methods of a handler class, built once per class and cached.
 *
 * <p>Published are the public instance methods of the class and its superclasses, by their Java name, except:
 * methods declared by {@code Object}; {@code close} (the handler's clean-up hook, as in the reference); names
 * starting with {@code _}; static, bridge and synthetic methods. Overloads of a published name are rejected: the
 * peer calls by name only. A parameter of type {@link Connection} receives the connection and is invisible to the
 * peer; a trailing varargs parameter takes the extra positional arguments, like Python's {@code *args}. A parameter
 * of an {@link Exported} type takes an object reference, one of type {@link FunctionHandle} a function reference.
 */
public final class MethodTable {

    private static final ClassValue<MethodTable> CACHE = new ClassValue<>() {
        @Override
        protected MethodTable computeValue(Class<?> type) {
            return new MethodTable(type);
        }
    };

    private final Class<?> type;
    private final Map<String, PublishedMethod> methods;

    private MethodTable(Class<?> type) {
        this.type = type;
        this.methods = Collections.unmodifiableMap(scan(type));
    }

    /**
     * @param type a handler class
     * @return its published methods
     * @throws IllegalArgumentException if it overloads a published name, or a parameter cannot be published
     */
    public static MethodTable of(Class<?> type) {
        return CACHE.get(type);
    }

    /** The handler class. */
    public Class<?> type() {
        return type;
    }

    /**
     * @param name a method name as the peer sent it
     * @return the published method, or {@code null}
     */
    public PublishedMethod find(String name) {
        return methods.get(name);
    }

    /** Every published method, by name. */
    public Collection<PublishedMethod> methods() {
        return methods.values();
    }

    /**
     * Whether a method of this name is published.
     *
     * @param name a method name
     * @return whether the peer can call it
     */
    public boolean publishes(String name) {
        return methods.containsKey(name);
    }

    /**
     * Whether a Java method is one the peer may call.
     *
     * @param method any method
     * @return whether it is published by the rules above
     */
    public static boolean isPublishable(Method method) {
        int modifiers = method.getModifiers();
        String name = method.getName();
        return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isBridge()
            && !method.isSynthetic() && method.getDeclaringClass() != Object.class && !name.startsWith("_")
            && !name.equals("close") && !name.contains("$");
    }

    private static Map<String, PublishedMethod> scan(Class<?> type) {
        String owner = ownerName(type);
        Map<String, PublishedMethod> found = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (!isPublishable(method)) {
                continue;
            }
            PublishedMethod published = new PublishedMethod(owner, method, paramsOf(method));
            PublishedMethod previous = found.putIfAbsent(method.getName(), published);
            if (previous != null) {
                throw new IllegalArgumentException(type.getName() + " publishes '" + method.getName()
                    + "' more than once (overloads are not supported: the peer calls by name only); "
                    + "rename one, or make it non-public");
            }
        }
        return found;
    }

    private static String ownerName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }

    private static ParamSpec.Reference referenceOf(Class<?> type) {
        if (type == FunctionHandle.class) {
            return ParamSpec.Reference.FUNCTION;
        }
        return type.isAnnotationPresent(Exported.class) ? ParamSpec.Reference.OBJECT : ParamSpec.Reference.NONE;
    }

    private static List<ParamSpec> paramsOf(Method method) {
        Parameter[] parameters = method.getParameters();
        List<ParamSpec> specs = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.getType() == Connection.class) {
                specs.add(new ParamSpec(parameter.getName(), null, ParamSpec.Kind.CONNECTION, true,
                    ParamSpec.Reference.NONE));
                continue;
            }
            JavaType javaType = Json.MAPPER.constructType(parameter.getParameterizedType());
            if (method.isVarArgs() && i == parameters.length - 1) {
                specs.add(new ParamSpec(parameter.getName(), javaType.getContentType(), ParamSpec.Kind.VARARGS, true,
                    referenceOf(javaType.getContentType().getRawClass())));
                continue;
            }
            boolean optional = parameter.isAnnotationPresent(OptionalParam.class)
                || parameter.getType() == Optional.class;
            if (optional && parameter.getType().isPrimitive()) {
                throw new IllegalArgumentException("Parameter '" + parameter.getName() + "' of " + method
                    + " is primitive and cannot be @OptionalParam; use its wrapper type");
            }
            specs.add(new ParamSpec(parameter.getName(), javaType, ParamSpec.Kind.VALUE, optional,
                referenceOf(parameter.getType())));
        }
        return specs;
    }
}

package io.github.bjsonrpc.boot.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.dispatch.MethodTable;
import io.github.bjsonrpc.dispatch.PublishedMethod;

/**
 * The runtime hints a native image needs for the application's bjsonrpc types: the published methods of services
 * and of the objects they export, found and invoked by reflection; JDK proxies for typed clients; and Jackson
 * binding of every parameter and result type, both ways.
 */
public final class BjsonRpcRuntimeHints {

    private final RuntimeHints hints;
    private final BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
    private final Set<Class<?>> services = new HashSet<>();

    /**
     * @param hints where the hints go
     */
    public BjsonRpcRuntimeHints(RuntimeHints hints) {
        this.hints = hints;
    }

    /**
     * A service class, or an exported class: its published methods, and the types they take and return.
     *
     * @param type the class whose methods peers call
     */
    public void service(Class<?> type) {
        if (!services.add(type)) {
            return;
        }
        hints.reflection().registerType(type, MemberCategory.INTROSPECT_PUBLIC_METHODS);
        for (PublishedMethod published : MethodTable.of(type).methods()) {
            Method method = published.method();
            hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
            for (Type parameter : method.getGenericParameterTypes()) {
                data(parameter);
            }
            data(method.getGenericReturnType());
            if (method.getReturnType().isAnnotationPresent(Exported.class)) {
                service(method.getReturnType());
            }
        }
    }

    /**
     * An interface of typed client proxies: the JDK proxy, and the types its methods take and return.
     *
     * @param type the interface
     */
    public void clientInterface(Class<?> type) {
        hints.proxies().registerJdkProxy(type);
        hints.reflection().registerType(type, MemberCategory.INTROSPECT_PUBLIC_METHODS);
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class) {
                continue;
            }
            for (Type parameter : method.getGenericParameterTypes()) {
                data(parameter);
            }
            data(method.getGenericReturnType());
        }
    }

    private void data(Type type) {
        if (type == void.class || type == Connection.class) {
            return;
        }
        binding.registerReflectionHints(hints.reflection(), type);
    }
}

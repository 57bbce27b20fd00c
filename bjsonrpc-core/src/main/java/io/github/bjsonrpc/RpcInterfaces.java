package io.github.bjsonrpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Typed views over an {@link RpcTarget}: every abstract method of an interface calls the remote method of the same
 * name with its arguments, waits within the connection's call timeout, and converts the result to the method's
 * return type ({@code void} methods wait for the reply and drop it). Default methods run locally.
 */
public final class RpcInterfaces {

    private RpcInterfaces() {
    }

    /**
     * @param target what to call: a connection, a client or a remote object
     * @param type an interface describing the peer's methods
     * @param <T> the interface
     * @return a proxy implementing it
     * @throws IllegalArgumentException if {@code type} is not an interface
     */
    public static <T> T proxy(RpcTarget target, Class<T> type) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        InvocationHandler calls = (proxy, method, args) -> invoke(target, type, proxy, method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, calls));
    }

    private static Object invoke(RpcTarget target, Class<?> type, Object proxy, Method method, Object[] args)
            throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> type.getSimpleName() + " over " + target;
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Class<?> returnType = method.getReturnType() == void.class ? Object.class : method.getReturnType();
        return target.call(returnType, method.getName(), args == null ? new Object[0] : args);
    }
}

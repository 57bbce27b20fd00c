package io.github.bjsonrpc.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerGroup;

/**
 * Where a method name leads on one connection: a published method of the handler (or of a member of its
 * {@link HandlerGroup}), or {@code NAME.method} on an object the connection exported.
 */
final class Routes {

    /**
     * A published method and the object it runs on.
     *
     * @param observedName the method as metrics name it: {@code name}, or {@code Class.name} on an exported object
     * @param inline whether it runs {@linkplain io.github.bjsonrpc.Inline inline}
     */
    record Route(Object target, PublishedMethod method, String observedName, boolean inline) {
    }

    private final ObjectTable objects;
    private final ConnectionOptions options;
    private volatile Map<String, Route> handlerRoutes = Map.of();

    Routes(ObjectTable objects, ConnectionOptions options) {
        this.objects = objects;
        this.options = options;
    }

    /**
     * Publishes the methods of a handler.
     *
     * @param handler the handler, a {@link HandlerGroup}, or {@code null} for none
     * @throws IllegalArgumentException if two members publish the same name, or a method cannot be published
     */
    void publish(Object handler) {
        Map<String, Route> table = new HashMap<>();
        for (Object member : members(handler)) {
            for (PublishedMethod method : MethodTable.of(member.getClass()).methods()) {
                Route previous = table.putIfAbsent(method.name(), new Route(member, method, method.name(),
                    method.inline(options.inlines(method.name()))));
                if (previous != null) {
                    throw new IllegalArgumentException("Method '" + method.name() + "' is published by both "
                        + previous.target().getClass().getName() + " and " + member.getClass().getName());
                }
            }
        }
        this.handlerRoutes = table;
    }

    /**
     * @param name a method name as the peer sent it
     * @return its route, or {@code null}
     */
    Route find(String name) {
        Route route = handlerRoutes.get(name);
        return route != null ? route : objectRoute(name);
    }

    private Route objectRoute(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        Object target = objects.find(name.substring(0, dot));
        if (target == null) {
            return null;
        }
        PublishedMethod method = MethodTable.of(target.getClass()).find(name.substring(dot + 1));
        if (method == null) {
            return null;
        }
        boolean all = options.inlineMethods().contains(ConnectionOptions.ALL_METHODS);
        return new Route(target, method, MethodTable.userClass(target.getClass()).getSimpleName() + "." + method.name(),
            method.inline(all));
    }

    /**
     * @param handler a handler, a {@link HandlerGroup}, or {@code null}
     * @return the objects it publishes
     */
    static List<Object> members(Object handler) {
        if (handler == null) {
            return List.of();
        }
        if (handler instanceof HandlerGroup group) {
            return group.members();
        }
        return List.of(handler);
    }
}

package io.github.bjsonrpc;

import java.util.List;

/**
 * Several objects that together form the root handler of one connection: the peer sees the union of their
 * published methods. Two members publishing the same method name are an error, reported when the group's
 * method table is built. Members that are {@link AutoCloseable} are each closed when the connection closes.
 *
 * @param members the handler objects, in the order their methods are looked up
 */
public record HandlerGroup(List<Object> members) {

    /**
     * @param members the handler objects; none may be {@code null}
     */
    public HandlerGroup {
        members = List.copyOf(members);
    }

    /**
     * @param members the handler objects
     * @return a group of them
     */
    public static HandlerGroup of(Object... members) {
        return new HandlerGroup(List.of(members));
    }
}

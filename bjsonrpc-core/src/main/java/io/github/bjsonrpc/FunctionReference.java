package io.github.bjsonrpc;

import java.util.Objects;

/**
 * A reference to one of the peer's methods, passed as an argument so that the peer calls its own method: written
 * as {@code {"__functionreference__":NAME}}. Get one from {@link RpcTarget#function(String)}.
 *
 * @param name the method name as the peer knows it: {@code "add2"} or {@code "mylist_0001.sum"}
 */
public record FunctionReference(String name) {

    /**
     * @param name the method name as the peer knows it
     */
    public FunctionReference {
        Objects.requireNonNull(name, "name");
    }
}

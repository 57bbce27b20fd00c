package io.github.bjsonrpc.dispatch;

import tools.jackson.databind.JavaType;

/**
 * One parameter of a published method.
 *
 * @param name the parameter name, which keyword arguments use (compile with {@code -parameters})
 * @param type the Java type arguments convert to; for {@link Kind#VARARGS} the element type
 * @param kind how the parameter is filled
 * @param optional whether the peer may leave it out
 * @param reference which reserved reference object the parameter resolves, if any
 */
public record ParamSpec(String name, JavaType type, Kind kind, boolean optional, Reference reference) {

    /** The reserved reference objects a parameter can ask for by its type; other parameters take them as data. */
    public enum Reference {
        /** Plain data. */
        NONE,
        /** An {@link io.github.bjsonrpc.Exported} type: takes {@code {"__objectreference__":NAME}}. */
        OBJECT,
        /** {@link io.github.bjsonrpc.FunctionHandle}: takes {@code {"__functionreference__":NAME}}. */
        FUNCTION
    }

    /** How a parameter is filled. */
    public enum Kind {
        /** From one positional or keyword argument. */
        VALUE,
        /** From the positional arguments left over, like Python's {@code *args}. */
        VARARGS,
        /** With the connection the request came on; the peer never sees it. */
        CONNECTION
    }
}

package io.github.bjsonrpc;

/**
 * A method of this side that the peer named with {@code {"__functionreference__":NAME}}: a method of the root
 * handler ({@code "add2"}) or of an exported object ({@code "mylist_0001.sum"}). Declare a handler parameter of this
 * type to receive one; an unknown name is answered with an error before the handler runs.
 */
public interface FunctionHandle {

    /** The name the peer used. */
    String name();

    /**
     * Runs the method here, with arguments bound as if the peer had called it.
     *
     * @param args positional arguments, or a lone {@link Params}
     * @return what the method returned
     * @throws IllegalArgumentException if the arguments do not fit, with the peer-style {@code TypeError} text
     * @throws RuntimeException whatever the method threw
     */
    Object invoke(Object... args);
}

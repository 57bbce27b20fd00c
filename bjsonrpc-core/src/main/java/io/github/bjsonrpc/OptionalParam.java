package io.github.bjsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a published method that the peer may leave out, like a Python parameter with the default
 * {@code None}: a missing argument binds to {@code null} ({@code Optional.empty()} for an {@code Optional}
 * parameter). Every other parameter is required, and a call that misses it gets a
 * {@code TypeError: ... missing 1 required positional argument: 'x'} error. Parameters of type
 * {@code java.util.Optional} are optional without the annotation. Primitive parameters cannot be optional.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalParam {
}

package io.github.bjsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a typed view ({@link BjsonRpcClient#as}) as safe to run twice: when its call fails with
 * {@link ConnectionClosedException} because the connection was lost while the call was in flight, the client sends
 * it once more on the connection it then chooses (another instance, for a client over several). Calls of unmarked
 * methods are never sent again after they left: they may have run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
}

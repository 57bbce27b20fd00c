package io.github.bjsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Instances of the annotated class are sent to the peer by reference, as remote objects: a handler method that
 * returns one (or passes one as an argument) writes {@code {"__remoteobject__":NAME}}, and the peer calls its
 * published methods (same rules as a handler's) as {@code NAME.method}, passes it back as
 * {@code {"__objectreference__":NAME}}, and deletes it with {@code NAME.__delete__}.
 *
 * <p>NAME is the lowercased simple class name, {@code _}, and the connection's counter in lowercase hex with at
 * least four digits ({@code mylist_0001}), as the reference names them; the same object exported again on the same
 * connection keeps its name. An object lives on its connection until the peer deletes it or the connection closes;
 * then, if it is {@link AutoCloseable}, it is closed once. A connection holds at most
 * {@link ConnectionOptions#maxRemoteObjects()} live objects.
 *
 * <p>A handler parameter whose type is an {@code @Exported} class receives the object a
 * {@code {"__objectreference__":NAME}} argument names; parameters of other types never interpret reserved keys.
 * Subclasses of an {@code @Exported} class are exported too. Only a connection writes these objects by reference:
 * an application's own {@code ObjectMapper} sees a plain class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exported {
}

package io.github.bjsonrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a published method inline: on the event loop of its connection, as its request is read, with no hand-off
 * to the handler executor and none back for the reply, as gRPC-java's {@code directExecutor()} runs its handlers.
 * On a class, every published method of the class and its subclasses runs inline; {@code @Inline(false)} on one of
 * them keeps it on the executor. {@link ConnectionOptions#inlineMethods()} chooses inline methods without
 * annotations; an annotation decides first.
 *
 * <p>Only for methods that never block: they compute from their arguments and the handler's state, return a value,
 * or return a {@link java.util.concurrent.CompletionStage} that completes later (answered on the event loop when it
 * does, no thread held meanwhile). While an inline method runs, every other connection of its event loop waits.
 * So:
 *
 * <ul>
 * <li>waiting for the peer from an inline method ({@code call}, {@code Request.value()}, {@code join()} on a
 * request's future, a pipe's iterator) fails at once with a {@link BjsonRpcException} instead of stalling the event
 * loop for ever: return {@code connection.method(...).toCompletableFuture()}, or a stage chained on it,
 * instead;</li>
 * <li>an inline method that runs longer than {@link ConnectionOptions#inlineTimeLimit()} on an event loop is
 * reported with a WARN that names it and shows its stack, the limit {@code inline-time} is counted
 * ({@link RpcObserver#limitReached}), and the event loop's thread is interrupted: a method blocked in an
 * interruptible wait (a lock acquired interruptibly, a latch, a queue, a future, a sleep) fails, and its caller gets
 * the error; one that computes, or blocks uninterruptibly, holds the event loop until it returns.</li>
 * </ul>
 *
 * <p>Every guarantee of the connection holds: requests start in arrival order, at most {@code maxConcurrency} at
 * once; a request that cannot start at once (another is still running or waiting to start, the handler is still
 * being made, or the peer does not read its replies) waits in the connection's queue and runs in its turn on the
 * handler executor, still refused its waits on the peer. A pipe result ({@link java.util.stream.Stream},
 * {@link java.util.Iterator}) is written from the handler executor, where writing can wait for a slow peer.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Inline {

    /**
     * Whether the annotated method, or every published method of the annotated class, runs inline.
     *
     * @return {@code true} by default; {@code false} on a method of an inline class keeps it on the executor
     */
    boolean value() default true;
}

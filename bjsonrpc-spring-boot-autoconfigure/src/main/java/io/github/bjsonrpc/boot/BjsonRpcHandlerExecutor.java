package io.github.bjsonrpc.boot;

import java.util.concurrent.Executor;

/**
 * Where the handler code of the application's bjsonrpc connections runs, server and clients alike: the peer's
 * requests, callbacks of calls made from here, pipe deliveries; connection events are published from it too.
 *
 * <p>The auto-configured one uses virtual threads when {@code spring.threads.virtual.enabled=true} on Java 21+,
 * otherwise the library's bounded pool ({@link io.github.bjsonrpc.BjsonRpc#defaultExecutor()}), and applies the
 * application's {@link org.springframework.core.task.TaskDecorator} beans to every task, as Spring Boot does for its
 * own task executor (one decorator, or several in their order), so that MDC and other context reach handler
 * threads. Define a bean of this type to replace it; the decorators are then yours to apply.
 */
@FunctionalInterface
public interface BjsonRpcHandlerExecutor {

    /** The executor. */
    Executor executor();
}

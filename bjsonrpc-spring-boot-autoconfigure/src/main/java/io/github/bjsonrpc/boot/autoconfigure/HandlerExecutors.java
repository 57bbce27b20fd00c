package io.github.bjsonrpc.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

import io.github.bjsonrpc.BjsonRpc;

/** The auto-configured handler executor: virtual threads or the library's pool, with the task decorators. */
final class HandlerExecutors {

    private HandlerExecutors() {
    }

    static Executor create(boolean virtualThreads, List<TaskDecorator> decorators) {
        Executor executor = virtualThreads ? virtualThreads() : BjsonRpc.defaultExecutor();
        TaskDecorator decorator = switch (decorators.size()) {
            case 0 -> null;
            case 1 -> decorators.get(0);
            default -> new CompositeTaskDecorator(decorators);
        };
        if (decorator == null) {
            return executor;
        }
        return task -> executor.execute(decorator.decorate(task));
    }

    private static Executor virtualThreads() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("bjsonrpc-handler-");
        executor.setVirtualThreads(true);
        return executor;
    }
}

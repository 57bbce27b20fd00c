package io.github.bjsonrpc;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target of a client's typed view whose interface marks methods {@link Idempotent}: a call of such a method
 * that fails because its connection was lost is sent once more, on the connection the client then chooses.
 */
final class IdempotentCalls implements RpcTarget {

    private static final Logger log = LoggerFactory.getLogger(IdempotentCalls.class);

    private final RpcTarget client;
    private final Set<String> idempotent;

    private IdempotentCalls(RpcTarget client, Set<String> idempotent) {
        this.client = client;
        this.idempotent = idempotent;
    }

    /**
     * @param client the client
     * @param type the typed view's interface
     * @return what the view calls: the client itself when no method is marked
     */
    static RpcTarget over(RpcTarget client, Class<?> type) {
        Set<String> marked = new HashSet<>();
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(Idempotent.class)) {
                marked.add(method.getName());
            }
        }
        return marked.isEmpty() ? client : new IdempotentCalls(client, Set.copyOf(marked));
    }

    @Override
    public <T> T call(Class<T> resultType, String method, Object... args) {
        if (!idempotent.contains(method)) {
            return client.call(resultType, method, args);
        }
        try {
            return client.call(resultType, method, args);
        } catch (ConnectionClosedException e) {
            log.debug("Sending idempotent '{}' again: {}", method, e.getMessage());
            return client.call(resultType, method, args);
        }
    }

    @Override
    public <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        return client.method(resultType, method, args);
    }

    @Override
    public void notify(String method, Object... args) {
        client.notify(method, args);
    }

    @Override
    public <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        return client.pipe(elementType, method, args);
    }

    @Override
    public String toString() {
        return client.toString();
    }
}

package io.github.bjsonrpc.support;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Servers and connections a test opened, closed in reverse order when it ends. Register it with
 * {@code @RegisterExtension}.
 */
public final class Cleanup implements AutoCloseable, AfterEachCallback {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /**
     * @param closeable something to close at the end of the test
     * @param <T> its type
     * @return it
     */
    public <T extends AutoCloseable> T track(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }
}

package io.github.bjsonrpc.support;

import java.util.ArrayDeque;
import java.util.Deque;

/** Servers and connections a test opened, closed in reverse order when it ends. */
public final class Cleanup implements AutoCloseable {

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
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }
}

package io.github.bjsonrpc.benchmarks.contract;

/**
 * The load-test contract, published by the core server and by the Spring Boot application: {@code echo(s)},
 * {@code ping()}, notification {@code tick(...)}, {@code count()} of the ticks seen on this connection and
 * {@code memory()}; also a pipe ({@code range}) and a remote object ({@code newCounter}) for the soak run. One
 * instance per connection.
 */
public class EchoHandler {

    private long ticks;

    /** Returns its argument. */
    public Object echo(Object s) {
        return s;
    }

    /** Returns {@code "pong"}. */
    public String ping() {
        return "pong";
    }

    /** Counts one tick. */
    public void tick(Object... ignored) {
        ticks++;
    }

    /** The heap in use after a full collection, for the idle-memory measurement: never inline, it takes long. */
    @io.github.bjsonrpc.Inline(false)
    public long memory() {
        return HeapProbe.usedAfterGc();
    }

    /** A stream of {@code count} numbers, for pipes. */
    public java.util.stream.Stream<Integer> range(int count) {
        return java.util.stream.IntStream.range(0, count).boxed();
    }

    /** A remote object. */
    public Counter newCounter() {
        return new Counter();
    }

    /** A remote object that counts. */
    @io.github.bjsonrpc.Exported
    public static class Counter {
        private int value;

        /** Adds one; returns the new value. */
        public int increment() {
            return ++value;
        }
    }

    /** The ticks seen on this connection. */
    public long count() {
        return ticks;
    }
}

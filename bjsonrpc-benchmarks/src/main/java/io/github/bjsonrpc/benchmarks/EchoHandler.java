package io.github.bjsonrpc.benchmarks;

/**
 * The load-test contract, published by our server: {@code echo(s)}, {@code ping()}, notification {@code tick(...)}
 * and {@code count()} of the ticks seen on this connection. One instance per connection.
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

    /** The heap in use after a full collection, for the idle-memory measurement. */
    public long memory() {
        return HeapProbe.usedAfterGc();
    }

    /** The ticks seen on this connection. */
    public long count() {
        return ticks;
    }
}

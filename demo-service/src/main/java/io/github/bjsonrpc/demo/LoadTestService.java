package io.github.bjsonrpc.demo;

import java.util.concurrent.atomic.AtomicLong;

import io.github.bjsonrpc.boot.BjsonRpcService;

/**
 * The load-test contract: send notifications {@code tick(...)}, then {@code count()} says how many this connection
 * has seen. The counter is per connection: each connection has its own instance of this service.
 */
@BjsonRpcService
public class LoadTestService {

    private final AtomicLong ticks = new AtomicLong();

    /** Counts one tick; meant to be sent as a notification. */
    public void tick(Object... ignored) {
        ticks.incrementAndGet();
    }

    /** The ticks seen on this connection. */
    public long count() {
        return ticks.get();
    }
}

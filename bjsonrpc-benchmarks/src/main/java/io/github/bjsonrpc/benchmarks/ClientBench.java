package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;

/** Our client against the floor server, beside the minimal Netty + Jackson client doing the same calls. */
final class ClientBench {

    private static final long SELF = ProcessHandle.current().pid();
    /** Synchronous calls between two looks at the clock: few enough that a cold client ends on time. */
    private static final long BATCH = 100;

    private ClientBench() {
    }

    /**
     * @param name what was measured
     * @param callsPerSecond throughput
     * @param clientCpuMicrosPerCall this process's CPU time per call
     */
    record Result(String name, double callsPerSecond, double clientCpuMicrosPerCall) {
    }

    /** An asynchronous call whose completion runs the callback. */
    private interface AsyncCall {
        void call(Runnable done);
    }

    /**
     * Runs the four measurements {@code passes} times and reports the last pass: the first pays for compiling both
     * clients' code paths, which would otherwise be charged to whichever client runs first.
     */
    static Result[] run(int port, int passes, Duration warmup, Duration measure) throws Exception {
        Result[] results = pass(port, warmup, measure);
        for (int i = 1; i < passes; i++) {
            results = pass(port, warmup, measure);
        }
        return results;
    }

    private static Result[] pass(int port, Duration warmup, Duration measure) throws Exception {
        Result[] results = new Result[4];
        try (Connection ours = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE)) {
            results[0] = measure("ours sync", warmup, measure, n -> {
                for (long i = 0; i < n; i++) {
                    ours.call(String.class, "echo", "hello");
                }
            });
            results[1] = pipelined("ours pipelined", warmup, measure,
                done -> ours.method(String.class, "echo", "hello").onResult(value -> done.run()));
        }
        try (MinimalClient minimal = new MinimalClient(port)) {
            results[2] = measure("minimal sync", warmup, measure, n -> {
                for (long i = 0; i < n; i++) {
                    minimal.call("echo", "hello").join();
                }
            });
            results[3] = pipelined("minimal pipelined", warmup, measure,
                done -> minimal.call("echo", "hello").thenRun(done));
        }
        return results;
    }

    /** Runs batches of synchronous calls until the time is up. */
    private static Result measure(String name, Duration warmup, Duration measure, Consumer<Long> calls) {
        long end = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < end) {
            calls.accept(BATCH);
        }
        long count = 0;
        long cpu0 = ProcStats.cpuNanos(SELF);
        long start = System.nanoTime();
        end = start + measure.toNanos();
        while (System.nanoTime() < end) {
            calls.accept(BATCH);
            count += BATCH;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, count / seconds, (ProcStats.cpuNanos(SELF) - cpu0) / 1e3 / count);
    }

    /** Keeps 64 calls outstanding until the time is up. */
    private static Result pipelined(String name, Duration warmup, Duration measure, AsyncCall call)
            throws InterruptedException {
        Semaphore window = new Semaphore(64);
        AtomicLong completed = new AtomicLong();
        Runnable done = () -> {
            completed.incrementAndGet();
            window.release();
        };
        long end = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < end) {
            window.acquire();
            call.call(done);
        }
        window.acquire(64);
        window.release(64);
        long before = completed.get();
        long cpu0 = ProcStats.cpuNanos(SELF);
        long start = System.nanoTime();
        end = start + measure.toNanos();
        while (System.nanoTime() < end) {
            window.acquire();
            call.call(done);
        }
        window.acquire(64);
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = completed.get() - before;
        return new Result(name, count / seconds, (ProcStats.cpuNanos(SELF) - cpu0) / 1e3 / count);
    }
}

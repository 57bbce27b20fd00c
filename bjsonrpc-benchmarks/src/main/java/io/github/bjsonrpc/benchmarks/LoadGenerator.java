package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one server process over loopback, the same load for every server: lines over plain blocking sockets for
 * the servers that speak bjsonrpc, a gRPC client with the same windows for gRPC; and reads the server's CPU time
 * from {@code /proc}.
 */
final class LoadGenerator {

    private final ServerKind kind;
    private final int port;
    private final long serverPid;

    LoadGenerator(ServerKind kind, int port, long serverPid) {
        this.kind = kind;
        this.port = port;
        this.serverPid = serverPid;
    }

    /**
     * One measurement.
     *
     * @param mode what was measured
     * @param calls replies counted while measuring
     * @param callsPerSecond throughput
     * @param p50Micros median latency, or NaN
     * @param p99Micros 99th percentile latency, or NaN
     * @param serverCpuMicrosPerCall server CPU time per call
     */
    record Result(String mode, long calls, double callsPerSecond, double p50Micros, double p99Micros,
            double serverCpuMicrosPerCall) {
    }

    private Lane open() {
        return kind.speaksLines() ? new LineConnection(port) : new GrpcLane(port);
    }

    /** One echo call on a connection of its own: returns once the server has answered it. */
    void firstAnswer() {
        try (Lane lane = open()) {
            lane.firstCall();
        }
    }

    /**
     * {@code connections} connections, each with {@code window} echo calls outstanding. The clock starts only once
     * every connection has had a first reply (a fresh server JVM may still be compiling); see
     * {@link MeasuringWindow} for when it stops.
     */
    Result echo(String mode, int connections, int window, Duration warmup, Duration measure) throws Exception {
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<MeasuringWindow> clock = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Lane lane = open();
                lanes.add(lane);
                Thread thread = new Thread(() -> {
                    try {
                        lane.firstCall();
                        ready.countDown();
                        go.await();
                        lane.run(window, clock.get().recorder());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        ready.countDown();
                    }
                }, "load-" + c);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            ready.await();
            long start = System.nanoTime() + warmup.toNanos();
            MeasuringWindow measuring = new MeasuringWindow(start, start + measure.toNanos());
            clock.set(measuring);
            go.countDown();
            sleepUntil(measuring.start());
            long cpu0 = ProcStats.cpuNanos(serverPid);
            sleepUntil(measuring.end());
            long cpu1 = ProcStats.cpuNanos(serverPid);
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException(mode + " failed", failure.get());
            }
            return result(mode, measuring.calls(), measuring.measuredSeconds(), measuring.sortedLatencies(),
                cpu1 - cpu0);
        } finally {
            go.countDown();
            lanes.forEach(Lane::close);
        }
    }

    /**
     * The figures of a measurement.
     *
     * @param mode what was measured
     * @param calls replies counted
     * @param seconds time measured
     * @param sortedLatencies their latencies, in nanoseconds, sorted
     * @param serverCpuNanos the server's CPU time while measuring
     */
    static Result result(String mode, long calls, double seconds, long[] sortedLatencies, long serverCpuNanos) {
        return new Result(mode, calls, calls / seconds, percentile(sortedLatencies, 0.50) / 1e3,
            percentile(sortedLatencies, 0.99) / 1e3, serverCpuNanos / 1e3 / Math.max(1, calls));
    }

    /** A connection of its own, answered once, for {@link #slice}; the caller closes it. */
    Lane answeredLane() {
        Lane lane = open();
        try {
            lane.firstCall();
            return lane;
        } catch (RuntimeException e) {
            lane.close();
            throw e;
        }
    }

    /**
     * One slice of synchronous calls on {@code lane}: calls one after the other for {@code warmup}, unmeasured,
     * then for {@code measure}, measured with the server's CPU time around them.
     */
    Slice slice(Lane lane, Duration warmup, Duration measure) throws InterruptedException {
        long now = System.nanoTime();
        lane.run(1, new MeasuringWindow(now, now + warmup.toNanos()).recorder());
        long cpu0 = ProcStats.cpuNanos(serverPid);
        long start = System.nanoTime();
        MeasuringWindow measuring = new MeasuringWindow(start, start + measure.toNanos());
        lane.run(1, measuring.recorder());
        long cpu1 = ProcStats.cpuNanos(serverPid);
        return new Slice(measuring.sortedLatencies(), measuring.calls(), measuring.measuredSeconds(), cpu1 - cpu0);
    }

    /**
     * What one {@link #slice} measured.
     *
     * @param sortedLatencies the calls' latencies, in nanoseconds, sorted
     * @param calls the calls measured
     * @param seconds the time measured
     * @param serverCpuNanos the server's CPU time meanwhile
     */
    record Slice(long[] sortedLatencies, long calls, double seconds, long serverCpuNanos) {
    }

    /** Notifications as fast as one connection takes them, then {@code count()} confirms all were processed. */
    Result notifications(long count) {
        requireLines();
        try (LineConnection line = new LineConnection(port)) {
            sendTicks(line, count / 10);
            long cpu0 = ProcStats.cpuNanos(serverPid);
            long start = System.nanoTime();
            sendTicks(line, count);
            long seen = line.callForNumber("count");
            long elapsed = System.nanoTime() - start;
            long cpu1 = ProcStats.cpuNanos(serverPid);
            if (seen != count / 10 + count) {
                throw new IllegalStateException("the server counted " + seen + " ticks of " + (count / 10 + count));
            }
            return new Result("notify", count, count / (elapsed / 1e9), Double.NaN, Double.NaN,
                (cpu1 - cpu0) / 1e3 / count);
        }
    }

    private static void sendTicks(LineConnection line, long count) {
        for (long i = 0; i < count; i++) {
            line.send("tick", "[1]", false, false);
        }
        line.send("ping", null, false, true);
    }

    /**
     * Opens {@code count} connections, each answering one call, and measures what they cost the server.
     *
     * @return heap bytes per connection after full collections, and resident bytes per connection
     */
    double[] idle(int count) {
        requireLines();
        List<LineConnection> open = new ArrayList<>(count);
        try (LineConnection probe = new LineConnection(port)) {
            // as many connections opened and closed first, up to 200, so that what the first ones cost once is paid
            for (int i = 0; i < Math.min(200, count); i++) {
                try (LineConnection warm = new LineConnection(port)) {
                    warm.call("ping", null);
                }
            }
            long heap0 = probe.callForNumber("memory");
            long rss0 = ProcStats.rssBytes(serverPid);
            for (int i = 0; i < count; i++) {
                LineConnection line = new LineConnection(port);
                open.add(line);
                line.send("ping", null, true, true);
            }
            for (LineConnection line : open) {
                line.readReply();
            }
            long heap1 = probe.callForNumber("memory");
            long rss1 = ProcStats.rssBytes(serverPid);
            return new double[] {(heap1 - heap0) / (double) count, (rss1 - rss0) / (double) count};
        } finally {
            open.forEach(LineConnection::close);
        }
    }

    /** The calls the server's Micrometer registry has timed, over all its connections. */
    long observedCalls() {
        if (!kind.observed()) {
            throw new UnsupportedOperationException("the " + kind + " server does not say what it observed");
        }
        try (LineConnection line = new LineConnection(port)) {
            return line.callForNumber("observedCalls");
        }
    }

    private void requireLines() {
        if (!kind.speaksLines()) {
            throw new UnsupportedOperationException("the " + kind + " server does not speak lines");
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}

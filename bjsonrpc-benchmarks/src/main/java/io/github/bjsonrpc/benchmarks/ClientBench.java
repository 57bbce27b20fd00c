package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;

/** Our client against the floor server, beside the minimal Netty + Jackson client doing the same calls. */
final class ClientBench {

    private static final long SELF = ProcessHandle.current().pid();
    /** Synchronous calls between two looks at the clock: few enough that a cold client ends on time. */
    private static final long BATCH = 100;
    /** Slices per client and synchronous round: the round's time is divided among them. */
    static final int SYNC_SLICES = 10;
    /** Unmeasured calls at the start of every slice of a synchronous round. */
    private static final Duration SLICE_WARMUP = Duration.ofMillis(40);

    private ClientBench() {
    }

    /**
     * @param name what was measured
     * @param callsPerSecond throughput
     * @param clientCpuMicrosPerCall this process's CPU time per call
     */
    record Result(String name, double callsPerSecond, double clientCpuMicrosPerCall) {
    }

    /**
     * What the clients measured.
     *
     * @param medians each measurement's median round: ours sync, ours pipelined, minimal sync, minimal pipelined
     * @param syncRatio the median, over the rounds, of our sync calls/s to the minimal client's in the same round
     * @param pipelinedRatio the same for pipelined calls
     */
    record Figures(Result[] medians, double syncRatio, double pipelinedRatio) {

        /** How {@link #line()} begins. */
        static final String PREFIX = "CLIENT-FIGURES";
        /** The four measurements, in the order of {@link #medians}. */
        static final String[] NAMES = {"ours sync", "ours pipelined", "minimal sync", "minimal pipelined"};

        /** The figures on one line, for {@link #parse}. */
        String line() {
            StringBuilder line = new StringBuilder(PREFIX).append(' ').append(syncRatio).append(' ')
                .append(pipelinedRatio);
            for (Result result : medians) {
                line.append(' ').append(result.callsPerSecond()).append(' ').append(result.clientCpuMicrosPerCall());
            }
            return line.toString();
        }

        /**
         * The median of several measurements' figures, each figure on its own: the ratios, and each
         * measurement's calls/s and CPU per call.
         *
         * @param all the figures of at least one measurement
         */
        static Figures median(List<Figures> all) {
            Result[] medians = new Result[NAMES.length];
            for (int i = 0; i < medians.length; i++) {
                int at = i;
                medians[i] = new Result(NAMES[i], ClientBench.median(all, f -> f.medians()[at].callsPerSecond()),
                    ClientBench.median(all, f -> f.medians()[at].clientCpuMicrosPerCall()));
            }
            return new Figures(medians, ClientBench.median(all, Figures::syncRatio),
                ClientBench.median(all, Figures::pipelinedRatio));
        }

        /** The figures of a {@link #line()}. */
        static Figures parse(String line) {
            String[] fields = line.trim().split(" ");
            Result[] medians = new Result[NAMES.length];
            for (int i = 0; i < medians.length; i++) {
                medians[i] = new Result(NAMES[i], Double.parseDouble(fields[3 + 2 * i]),
                    Double.parseDouble(fields[4 + 2 * i]));
            }
            return new Figures(medians, Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        }
    }

    /** An asynchronous call whose completion runs the callback. */
    private interface AsyncCall {
        void call(Runnable done);
    }

    /**
     * Warms both clients up for {@code passes} passes, then measures {@code rounds} rounds of synchronous calls, and
     * then {@code rounds} rounds of pipelined calls; reports each measurement's median round, and the median of the
     * two clients' ratios round by round. The warm-up pays for compiling both clients' code paths, which would
     * otherwise be charged to whichever runs first. A synchronous call is a chain of four thread wake-ups, whose
     * cost on a shared machine drifts by more than the clients differ: a synchronous round is measured in
     * {@value #SYNC_SLICES} slices per client, the clients taking turns slice by slice, so that both sample the same
     * stretch of time ({@link #interleavedSync}). A pipelined round is one measurement of each client, the clients
     * taking turns to go first. The synchronous rounds are not interleaved with pipelined ones: for seconds after a
     * pipelined measurement, either client's synchronous calls cost its I/O thread about twice the CPU (the
     * compiler is still at work then), a disturbance larger than the clients' difference.
     */
    static Figures run(int port, int passes, int rounds, Duration warmup, Duration measure) throws Exception {
        try (Connection ours = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE);
                MinimalClient minimal = new MinimalClient(port)) {
            Consumer<Long> oursSync = n -> {
                for (long i = 0; i < n; i++) {
                    ours.call(String.class, "echo", "hello");
                }
            };
            Consumer<Long> minimalSync = n -> {
                for (long i = 0; i < n; i++) {
                    minimal.call("echo", "hello").join();
                }
            };
            Measurement[] measurements = {
                () -> measure(Figures.NAMES[0], warmup, measure, oursSync),
                () -> pipelined(Figures.NAMES[1], warmup, measure,
                    done -> ours.method(String.class, "echo", "hello").onResult(value -> done.run())),
                () -> measure(Figures.NAMES[2], warmup, measure, minimalSync),
                () -> pipelined(Figures.NAMES[3], warmup, measure,
                    done -> minimal.call("echo", "hello").thenRun(done)),
            };
            for (int pass = 0; pass < passes; pass++) {
                for (Measurement measurement : measurements) {
                    measurement.run();
                }
            }
            List<List<Result>> results = new ArrayList<>();
            for (int i = 0; i < measurements.length; i++) {
                results.add(new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                Result[] pair = interleavedSync(oursSync, minimalSync, measure, round % 2 == 1);
                results.get(0).add(pair[0]);
                results.get(2).add(pair[1]);
            }
            // minimal first in every other round
            for (int round = 0; round < rounds; round++) {
                int first = round % 2 == 0 ? 1 : 3;
                int second = 4 - first;
                results.get(first).add(measurements[first].run());
                results.get(second).add(measurements[second].run());
            }
            double syncRatio = medianRatio(results.get(0), results.get(2));
            double pipelinedRatio = medianRatio(results.get(1), results.get(3));
            Result[] medians = new Result[measurements.length];
            for (int i = 0; i < medians.length; i++) {
                List<Result> sorted = new ArrayList<>(results.get(i));
                sorted.sort(Comparator.comparingDouble(Result::callsPerSecond));
                medians[i] = sorted.get(sorted.size() / 2);
            }
            return new Figures(medians, syncRatio, pipelinedRatio);
        }
    }

    /**
     * One synchronous round: {@code measure} per client, in {@value #SYNC_SLICES} slices each, the clients taking
     * turns slice by slice, each slice after {@link #SLICE_WARMUP} of calls that are not measured (the client that
     * sat idle wakes up again); each client's figures from all its slices together.
     *
     * @return ours, then the minimal client's
     */
    private static Result[] interleavedSync(Consumer<Long> ours, Consumer<Long> minimal, Duration measure,
            boolean minimalFirst) {
        Duration slice = measure.dividedBy(SYNC_SLICES);
        List<Consumer<Long>> clients = List.of(ours, minimal);
        Slice[] taken = {Slice.NONE, Slice.NONE};
        for (int s = 0; s < SYNC_SLICES; s++) {
            int first = (s % 2 == 0) == minimalFirst ? 1 : 0;
            for (int client : new int[] {first, 1 - first}) {
                taken[client] = taken[client].plus(slice(SLICE_WARMUP, slice, clients.get(client)));
            }
        }
        return new Result[] {taken[0].result(Figures.NAMES[0]), taken[1].result(Figures.NAMES[2])};
    }

    /** The median of {@code ours / minimal} calls/s, round by round. */
    private static double medianRatio(List<Result> ours, List<Result> minimal) {
        List<Integer> rounds = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            rounds.add(i);
        }
        return median(rounds, i -> ours.get(i).callsPerSecond() / minimal.get(i).callsPerSecond());
    }

    /** The median of a figure over some items; of an even count, the mean of the middle two. */
    private static <T> double median(List<T> items, ToDoubleFunction<T> figure) {
        double[] values = items.stream().mapToDouble(figure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
            : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** One of the four measurements. */
    private interface Measurement {
        Result run() throws Exception;
    }

    /** Runs batches of synchronous calls until the time is up. */
    private static Result measure(String name, Duration warmup, Duration measure, Consumer<Long> calls) {
        return slice(warmup, measure, calls).result(name);
    }

    /**
     * Synchronous calls measured for a while.
     *
     * @param calls how many were measured
     * @param nanos how long they took
     * @param cpuNanos this process's CPU time meanwhile
     */
    private record Slice(long calls, long nanos, long cpuNanos) {

        static final Slice NONE = new Slice(0, 0, 0);

        Slice plus(Slice other) {
            return new Slice(calls + other.calls, nanos + other.nanos, cpuNanos + other.cpuNanos);
        }

        Result result(String name) {
            return new Result(name, calls / (nanos / 1e9), cpuNanos / 1e3 / calls);
        }
    }

    /** Runs batches of synchronous calls for {@code warmup}, then measures them until {@code measure} is up. */
    private static Slice slice(Duration warmup, Duration measure, Consumer<Long> calls) {
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
        return new Slice(count, System.nanoTime() - start, ProcStats.cpuNanos(SELF) - cpu0);
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

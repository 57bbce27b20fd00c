package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One synchronous call at a time on one connection per server, measured in short slices taken from every server in
 * turn, so that every server's latencies are sampled over the same stretch of time. A synchronous call's latency is
 * a chain of thread wake-ups, whose cost on a shared machine drifts over seconds by more than the servers differ:
 * measured one server after the other, that drift lands on whichever server is measured at the time (one run saw
 * the same server at 76 and then at 43 µs of p50, with nothing changed). Each slice starts with calls that are not
 * measured, so that a server that sat idle while the others were measured is awake again.
 */
final class InterleavedSync {

    /** Slices per server and round: {@code measure} is divided among them. */
    static final int SLICES = 12;
    /** Unmeasured calls at the start of every slice. */
    static final Duration SLICE_WARMUP = Duration.ofMillis(60);

    private InterleavedSync() {
    }

    /**
     * @param servers the running servers
     * @param order the servers to measure, in the order of the first slice; each later slice rotates it by one
     * @param mode the label of the figures
     * @param measure the time measured per server, over all its slices
     * @return each server's figures, from the latencies of all its slices together
     */
    static Map<ServerKind, LoadGenerator.Result> measure(ServerGroup servers, List<ServerKind> order, String mode,
            Duration measure) throws InterruptedException {
        Duration slice = measure.dividedBy(SLICES);
        Map<ServerKind, Lane> lanes = new LinkedHashMap<>();
        Map<ServerKind, List<LoadGenerator.Slice>> slices = new EnumMap<>(ServerKind.class);
        try {
            for (ServerKind kind : order) {
                lanes.put(kind, servers.get(kind).load().answeredLane());
                slices.put(kind, new ArrayList<>());
            }
            List<ServerKind> turn = new ArrayList<>(order);
            for (int s = 0; s < SLICES; s++) {
                for (ServerKind kind : turn) {
                    slices.get(kind).add(servers.get(kind).load().slice(lanes.get(kind), SLICE_WARMUP, slice));
                }
                Collections.rotate(turn, -1);
            }
        } finally {
            lanes.values().forEach(Lane::close);
        }
        Map<ServerKind, LoadGenerator.Result> results = new EnumMap<>(ServerKind.class);
        slices.forEach((kind, taken) -> results.put(kind, pooled(mode, taken)));
        return results;
    }

    /** The figures of all the slices of one server together. */
    private static LoadGenerator.Result pooled(String mode, List<LoadGenerator.Slice> slices) {
        long calls = 0;
        double seconds = 0;
        long cpu = 0;
        int samples = 0;
        for (LoadGenerator.Slice slice : slices) {
            calls += slice.calls();
            seconds += slice.seconds();
            cpu += slice.serverCpuNanos();
            samples += slice.sortedLatencies().length;
        }
        long[] latencies = new long[samples];
        int at = 0;
        for (LoadGenerator.Slice slice : slices) {
            System.arraycopy(slice.sortedLatencies(), 0, latencies, at, slice.sortedLatencies().length);
            at += slice.sortedLatencies().length;
        }
        Arrays.sort(latencies);
        return LoadGenerator.result(mode, calls, seconds, latencies, cpu);
    }
}

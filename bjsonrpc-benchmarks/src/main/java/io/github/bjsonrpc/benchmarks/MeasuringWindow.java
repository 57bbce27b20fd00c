package io.github.bjsonrpc.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of one measurement, shared by its lanes: replies before {@code start} warm up, replies from then on
 * are counted and their latencies kept. A lane stops once {@code end} has passed and it measured at least one
 * reply, so every measurement has figures however loaded the machine is; calls per second divide by the time
 * really measured, up to the last lane's last reply.
 */
final class MeasuringWindow {

    private static final int SAMPLES_PER_LANE = 1 << 20;

    private final long start;
    private final long end;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong lastReply = new AtomicLong();
    private final List<Recorder> recorders = new ArrayList<>();

    /**
     * @param start when measuring starts, in {@link System#nanoTime()}
     * @param end when it ends
     */
    MeasuringWindow(long start, long end) {
        this.start = start;
        this.end = end;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** A recorder for one more lane. */
    synchronized Recorder recorder() {
        Recorder recorder = new Recorder();
        recorders.add(recorder);
        return recorder;
    }

    /** Replies measured by all lanes. */
    long calls() {
        return calls.get();
    }

    /** Seconds from the start to the last lane's last reply. */
    double measuredSeconds() {
        return (lastReply.get() - start) / 1e9;
    }

    /** Every kept latency of every lane, in nanoseconds, sorted. */
    synchronized long[] sortedLatencies() {
        long[] all = new long[recorders.stream().mapToInt(r -> r.recorded).sum()];
        int at = 0;
        for (Recorder recorder : recorders) {
            System.arraycopy(recorder.samples, 0, all, at, recorder.recorded);
            at += recorder.recorded;
        }
        Arrays.sort(all);
        return all;
    }

    /** One lane's account of its replies; used by one thread at a time. */
    final class Recorder {
        private final long[] samples = new long[SAMPLES_PER_LANE];
        private int recorded;

        /**
         * Takes one reply.
         *
         * @param sentNanos when its call was sent, in {@link System#nanoTime()}
         * @return whether the lane sends another call
         */
        boolean reply(long sentNanos) {
            long now = System.nanoTime();
            if (now >= end && recorded > 0) {
                lastReply.accumulateAndGet(now, Math::max);
                return false;
            }
            if (now >= start) {
                calls.incrementAndGet();
                if (recorded < samples.length) {
                    samples[recorded++] = now - sentNanos;
                }
            }
            return true;
        }
    }
}

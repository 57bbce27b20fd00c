package io.github.bjsonrpc.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives a server process over loopback with plain blocking sockets, the same load for every server, and reads
 * the server's CPU time from {@code /proc}.
 */
final class LoadGenerator {

    private final int port;
    private final long serverPid;

    LoadGenerator(int port, long serverPid) {
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

    /** A line-oriented loopback connection. */
    static final class Line implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long nextId;

        Line(int port) {
            try {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void send(String method, String params, boolean withId, boolean flush) {
            String line = "{\"method\":\"" + method + "\"" + (withId ? ",\"id\":" + (++nextId) : "")
                + (params == null ? "" : ",\"params\":" + params) + "}\n";
            try {
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                if (flush) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads one reply line and returns its result text, roughly; checks that it is a success. */
        String readReply() {
            StringBuilder text = new StringBuilder(64);
            try {
                int b;
                while ((b = in.read()) != '\n') {
                    if (b < 0) {
                        throw new IOException("the server closed the connection");
                    }
                    text.append((char) b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (text.indexOf("\"error\":null") < 0) {
                throw new IllegalStateException("not a success: " + text);
            }
            return text.toString();
        }

        /** Calls and returns the result's JSON text. */
        String call(String method, String params) {
            send(method, params, true, true);
            String reply = readReply();
            return reply.substring(reply.indexOf(':') + 1, reply.indexOf(",\"error\""));
        }

        long callForNumber(String method) {
            return Long.parseLong(call(method, null));
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * {@code connections} connections, each with {@code window} echo calls outstanding. The clock starts only once
     * every connection has had a first reply (a fresh server JVM may still be compiling), and a connection stops
     * only after the window closed and it measured at least one call, so every mode produces figures however
     * loaded the machine is; calls per second divide by the time really measured.
     */
    Result echo(String mode, int connections, int window, Duration warmup, Duration measure) throws Exception {
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLongArray deadline = new AtomicLongArray(2);
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Line line = new Line(port);
            lines.add(line);
            long[] mine = new long[1 << 20];
            samples.add(mine);
            int index = c;
            Thread thread = new Thread(() -> {
                line.call("echo", "[\"hello\"]");
                ready.countDown();
                awaitUninterruptibly(go);
                long[] sent = new long[window];
                int head = 0;
                int tail = 0;
                int recorded = 0;
                for (int i = 0; i < window; i++) {
                    sent[tail++ % window] = System.nanoTime();
                    line.send("echo", "[\"hello\"]", true, i == window - 1);
                }
                while (true) {
                    line.readReply();
                    long now = System.nanoTime();
                    long latency = now - sent[head++ % window];
                    if (now >= deadline.get(1) && recorded > 0) {
                        lastEnd.accumulateAndGet(now, Math::max);
                        break;
                    }
                    if (now >= deadline.get(0)) {
                        calls.incrementAndGet();
                        if (recorded < mine.length - 1) {
                            mine[recorded++] = latency;
                        }
                    }
                    sent[tail++ % window] = System.nanoTime();
                    line.send("echo", "[\"hello\"]", true, true);
                }
                mine[mine.length - 1] = recorded;
                // drain what is still in flight so that the next mode starts clean
                for (int i = head; i < tail; i++) {
                    line.readReply();
                }
            }, "load-" + index);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        ready.await();
        long start = System.nanoTime();
        deadline.set(0, start + warmup.toNanos());
        deadline.set(1, start + warmup.toNanos() + measure.toNanos());
        go.countDown();
        sleepUntil(deadline.get(0));
        long cpu0 = ProcStats.cpuNanos(serverPid);
        sleepUntil(deadline.get(1));
        long cpu1 = ProcStats.cpuNanos(serverPid);
        for (Thread thread : threads) {
            thread.join();
        }
        lines.forEach(Line::close);
        long[] all = merge(samples);
        double seconds = (lastEnd.get() - deadline.get(0)) / 1e9;
        return new Result(mode, calls.get(), calls.get() / seconds, percentile(all, 0.50) / 1e3,
            percentile(all, 0.99) / 1e3, (cpu1 - cpu0) / 1e3 / Math.max(1, calls.get()));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the measurement started", e);
        }
    }

    /** Notifications as fast as one connection takes them, then {@code count()} confirms all were processed. */
    Result notifications(long count) {
        try (Line line = new Line(port)) {
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

    private static void sendTicks(Line line, long count) {
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
        List<Line> open = new ArrayList<>(count);
        try (Line probe = new Line(port)) {
            for (int i = 0; i < 200; i++) {
                try (Line warm = new Line(port)) {
                    warm.call("ping", null);
                }
            }
            long heap0 = probe.callForNumber("memory");
            long rss0 = ProcStats.rssBytes(serverPid);
            for (int i = 0; i < count; i++) {
                Line line = new Line(port);
                open.add(line);
                line.send("ping", null, true, true);
            }
            for (Line line : open) {
                line.readReply();
            }
            long heap1 = probe.callForNumber("memory");
            long rss1 = ProcStats.rssBytes(serverPid);
            return new double[] {(heap1 - heap0) / (double) count, (rss1 - rss0) / (double) count};
        } finally {
            open.forEach(Line::close);
        }
    }

    private static long[] merge(List<long[]> samples) {
        int total = 0;
        for (long[] s : samples) {
            total += (int) s[s.length - 1];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] s : samples) {
            int n = (int) s[s.length - 1];
            System.arraycopy(s, 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        return all;
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

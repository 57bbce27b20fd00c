package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ConnectionOptions;
import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.RemoteObject;
import io.github.bjsonrpc.benchmarks.contract.EchoHandler;
import io.github.bjsonrpc.benchmarks.contract.HeapProbe;

/**
 * Many connections opening and closing for minutes, each making calls, notifications, a pipe and a remote object,
 * in one process: heap in use and live threads after a full collection must come back to where they started.
 */
final class Soak {

    private Soak() {
    }

    static boolean run(Duration duration, int workers) throws Exception {
        BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, c -> new EchoHandler());
        ConnectionOptions options = ConnectionOptions.builder().pipeEndMarker(true).build();
        // warm up in parallel, so that the baseline includes classes, I/O threads, pools and caches
        List<Thread> warmers = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread warmer = new Thread(() -> cycle(server.port(), options));
            warmer.start();
            warmers.add(warmer);
        }
        for (Thread warmer : warmers) {
            warmer.join();
        }
        long heap0 = HeapProbe.usedAfterGc();
        int threads0 = Thread.activeCount();
        AtomicLong cycles = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    cycle(server.port(), options);
                    cycles.incrementAndGet();
                }
            }, "soak-" + w);
            worker.start();
            running.add(worker);
        }
        long reportEvery = Math.max(1, duration.toSeconds() / 6);
        while (System.nanoTime() < end) {
            LoadGenerator.sleepUntil(Math.min(end, System.nanoTime() + reportEvery * 1_000_000_000L));
            System.out.printf(Locale.ROOT, "soak: %,d cycles, %d connections open, %d threads%n", cycles.get(),
                server.connections().size(), Thread.activeCount());
        }
        for (Thread worker : running) {
            worker.join();
        }
        long heap1 = HeapProbe.usedAfterGc();
        int threads1 = Thread.activeCount();
        server.stop();
        boolean back = heap1 - heap0 < 8 * 1024 * 1024 && threads1 <= threads0 + workers;
        System.out.printf(Locale.ROOT, "soak: %,d connection cycles in %s; heap after GC %,d -> %,d bytes; "
            + "threads %d -> %d; %s%n", cycles.get(), duration, heap0, heap1, threads0, threads1,
            back ? "back to baseline" : "NOT back to baseline");
        System.out.println("(threads include the pool's idle handler threads, which stop after a minute)");
        return back;
    }

    private static void cycle(int port, ConnectionOptions options) {
        try (Connection connection = BjsonRpc.connect("127.0.0.1", port, HandlerFactory.NONE, options)) {
            for (int i = 0; i < 20; i++) {
                connection.call("echo", "soak " + i);
                connection.notify("tick", i);
            }
            try (Pipe<Object> pipe = connection.pipe("range", 50)) {
                if (pipe.stream().count() != 50) {
                    throw new IllegalStateException("a pipe lost elements");
                }
            }
            RemoteObject counter = connection.call(RemoteObject.class, "newCounter");
            counter.call("increment");
            counter.close();
            if (((Number) connection.call("count")).longValue() != 20) {
                throw new IllegalStateException("ticks were lost");
            }
        }
    }

}

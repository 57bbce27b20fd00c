package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.PeerAddress;
import io.github.bjsonrpc.PeerList;

/**
 * Calls per second through one client over several instances ({@link BjsonRpcClient#builder(PeerList)}) against
 * one, two and three core servers, each in a process of its own on this machine: synchronous calls from many
 * threads, and asynchronous calls with many outstanding. On a machine with fewer cores than processes the servers
 * and the client share the same cores, and the ratio shows what is left once they compete.
 */
final class PoolBench {

    /** Threads calling synchronously. */
    static final int CALLERS = 16;
    /** Asynchronous calls outstanding at once. */
    static final int OUTSTANDING = 256;

    private PoolBench() {
    }

    /**
     * One figure.
     *
     * @param instances how many server processes the client was over
     * @param mode {@code sync} or {@code async}
     * @param callsPerSecond the median round's throughput
     */
    record Result(int instances, String mode, double callsPerSecond) {
        @Override
        public String toString() {
            return String.format("pooled over %d instance(s), %-5s %10.0f calls/s", instances, mode, callsPerSecond);
        }
    }

    /**
     * Starts three servers, then measures the client over the first one, two and three, each {@code rounds} times.
     *
     * @param warmup how long each measurement warms up
     * @param measure how long each measures
     * @param rounds how many rounds; the median is reported
     * @return the figures: sync and async over 1, 2, 3 instances
     */
    static List<Result> run(Duration warmup, Duration measure, int rounds) throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(ServerProcess.start(ServerKind.OURS));
            }
            List<PeerAddress> addresses = new ArrayList<>();
            for (ServerProcess server : servers) {
                addresses.add(new PeerAddress("127.0.0.1", server.port()));
                server.load().firstAnswer();
            }
            List<Result> results = new ArrayList<>();
            for (int instances = 1; instances <= 3; instances++) {
                List<Double> sync = new ArrayList<>();
                List<Double> async = new ArrayList<>();
                try (BjsonRpcClient client = BjsonRpcClient.builder(PeerList.of(addresses.subList(0, instances)))
                        .name("pool").build()) {
                    client.connect();
                    awaitConnected(client, instances);
                    for (int round = 0; round < rounds; round++) {
                        sync.add(sync(client, warmup, measure));
                        async.add(async(client, warmup, measure));
                    }
                }
                results.add(new Result(instances, "sync", median(sync)));
                results.add(new Result(instances, "async", median(async)));
                Main.progress("pool over %d: sync %s, async %s calls/s", instances, Main.format(median(sync)),
                    Main.format(median(async)));
            }
            return results;
        } finally {
            servers.forEach(ServerProcess::requestStop);
            servers.forEach(ServerProcess::close);
        }
    }

    private static void awaitConnected(BjsonRpcClient client, int instances) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.instances().stream().filter(i -> i.state() == BjsonRpcClient.State.CONNECTED).count()
                < instances) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the client did not connect to " + instances + " instances");
            }
            Thread.sleep(10);
        }
    }

    /** {@link #CALLERS} threads calling synchronously; calls per second after the warm-up. */
    private static double sync(BjsonRpcClient client, Duration warmup, Duration measure) throws InterruptedException {
        LongAdder calls = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(CALLERS);
        for (int t = 0; t < CALLERS; t++) {
            Thread caller = new Thread(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        client.call(String.class, "echo", "hello");
                        if (now >= measureFrom) {
                            calls.increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "pool-caller-" + t);
            caller.start();
        }
        done.await();
        return calls.sum() / (measure.toNanos() / 1e9);
    }

    /** {@link #OUTSTANDING} calls outstanding; calls per second after the warm-up. */
    private static double async(BjsonRpcClient client, Duration warmup, Duration measure) throws InterruptedException {
        Semaphore window = new Semaphore(OUTSTANDING);
        AtomicLong completed = new AtomicLong();
        long end = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < end) {
            window.acquire();
            client.method(String.class, "echo", "hello").toCompletableFuture().whenComplete((v, e) -> {
                completed.incrementAndGet();
                window.release();
            });
        }
        long before = completed.get();
        long start = System.nanoTime();
        end = start + measure.toNanos();
        while (System.nanoTime() < end) {
            window.acquire();
            client.method(String.class, "echo", "hello").toCompletableFuture().whenComplete((v, e) -> {
                completed.incrementAndGet();
                window.release();
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        window.acquire(OUTSTANDING);
        return (completed.get() - before) / seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

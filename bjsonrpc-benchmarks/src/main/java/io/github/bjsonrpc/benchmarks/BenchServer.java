package io.github.bjsonrpc.benchmarks;

import java.util.concurrent.CountDownLatch;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * A server process for the load generator: {@code ours} or {@code floor} on a free loopback port. It prints
 * {@code PORT <n>} when ready and runs until its standard input closes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /**
     * @param args {@code ours} or {@code floor}
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        AutoCloseable server;
        int port;
        if (args[0].equals("floor")) {
            FloorServer floor = new FloorServer(0);
            server = floor;
            port = floor.port();
        } else {
            BjsonRpcServer ours = BjsonRpcServer.builder().port(0).handlerFactory(connection -> new EchoHandler())
                .maxConnections(100_000).start();
            server = ours;
            port = ours.port();
        }
        System.out.println("PORT " + port);
        System.out.flush();
        CountDownLatch stdinClosed = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent to go away
                }
            } catch (java.io.IOException e) {
                // parent gone
            }
            stdinClosed.countDown();
        });
        watcher.setDaemon(true);
        watcher.start();
        stdinClosed.await();
        server.close();
    }
}

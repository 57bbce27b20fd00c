package io.github.bjsonrpc.benchmarks;

import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.benchmarks.contract.EchoHandler;
import io.github.bjsonrpc.benchmarks.contract.InlineMode;
import io.github.bjsonrpc.benchmarks.contract.Launcher;

/**
 * A server process for the load generator on a free loopback port: {@code ours} (the core server,
 * {@value InlineMode#ARGUMENT} for the inline mode), {@code floor}, {@code grpc-direct} or {@code grpc-default}. It
 * follows the {@link Launcher} protocol.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /**
     * @param args which server, then its options
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        QuietLogging.install();
        AutoCloseable server = start(args);
        try {
            Launcher.awaitParentGone();
        } finally {
            server.close();
        }
    }

    private static AutoCloseable start(String[] args) throws Exception {
        switch (args[0]) {
            case "floor" -> {
                FloorServer floor = new FloorServer(0);
                Launcher.announce(floor.port());
                return floor;
            }
            case "ours" -> {
                BjsonRpcServer.Builder builder = BjsonRpcServer.builder().port(0)
                    .handlerFactory(connection -> new EchoHandler()).maxConnections(100_000);
                BjsonRpcServer ours = (InlineMode.requested(args) ? InlineMode.apply(builder) : builder).start();
                Launcher.announce(ours.port());
                return ours;
            }
            case "grpc-direct", "grpc-default" -> {
                GrpcEchoServer grpc = new GrpcEchoServer(args[0].equals("grpc-direct"));
                Launcher.announce(grpc.port());
                return grpc;
            }
            default -> throw new IllegalArgumentException("no server " + args[0]);
        }
    }
}

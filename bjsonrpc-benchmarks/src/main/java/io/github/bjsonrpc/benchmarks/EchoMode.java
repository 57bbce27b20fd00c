package io.github.bjsonrpc.benchmarks;

/** The echo measurements of a load run: how many connections, how many calls in flight on each. */
enum EchoMode {

    /** One connection, one call at a time: latency. */
    SYNC_1("sync x1", 1, 1),
    /** Eight connections, one call at a time on each. */
    SYNC_8("sync x8", 8, 1),
    /** One connection, 128 calls in flight: the pipelined throughput of the goals. */
    PIPELINED_1X128("pipelined 1x128", 1, 128),
    /** Four connections, 64 calls in flight on each. */
    PIPELINED_4X64("pipelined 4x64", 4, 64);

    private final String label;
    private final int connections;
    private final int window;

    EchoMode(String label, int connections, int window) {
        this.label = label;
        this.connections = connections;
        this.window = window;
    }

    String label() {
        return label;
    }

    int connections() {
        return connections;
    }

    int window() {
        return window;
    }
}

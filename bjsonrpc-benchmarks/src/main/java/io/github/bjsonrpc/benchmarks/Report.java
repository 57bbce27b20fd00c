package io.github.bjsonrpc.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/** The figures of one load run and their ratios, ours over the floor, with the targets each ratio must meet. */
record Report(Main.ServerFigures floor, Main.ServerFigures ours, ClientBench.Result[] clients) {

    /** Pipelined calls/s: ours at least this share of the floor's. */
    static final double THROUGHPUT_TARGET = 0.85;
    /** Server CPU per pipelined call: ours at most this multiple of the floor's. */
    static final double CPU_TARGET = 1.15;
    /** Median latency of synchronous calls on one connection: ours at most this multiple. */
    static final double P50_TARGET = 1.2;
    /** Heap per idle connection, ours. */
    static final double IDLE_TARGET_BYTES = 8 * 1024;

    double throughputRatio() {
        return ours.pipelined().callsPerSecond() / floor.pipelined().callsPerSecond();
    }

    double cpuRatio() {
        return ours.pipelined().serverCpuMicrosPerCall() / floor.pipelined().serverCpuMicrosPerCall();
    }

    double p50Ratio() {
        return ours.sync1().p50Micros() / floor.sync1().p50Micros();
    }

    void print(PrintStream out) {
        out.println();
        out.println("bjsonrpc load run: our server and the Netty + Jackson floor, same load generator, same run");
        out.printf(Locale.ROOT, "%-16s %-6s %14s %10s %10s %14s%n", "mode", "server", "calls/s", "p50 us",
            "p99 us", "server CPU us");
        for (Main.ServerFigures figures : new Main.ServerFigures[] {floor, ours}) {
            String who = figures == floor ? "floor" : "ours";
            for (LoadGenerator.Result r : new LoadGenerator.Result[] {figures.sync1(), figures.syncN(),
                figures.pipelined(), figures.notifications()}) {
                out.printf(Locale.ROOT, "%-16s %-6s %14s %10s %10s %14s%n", r.mode(), who,
                    Main.format(r.callsPerSecond()), Main.format(r.p50Micros()), Main.format(r.p99Micros()),
                    String.format(Locale.ROOT, "%.2f", r.serverCpuMicrosPerCall()));
            }
            out.printf(Locale.ROOT, "%-16s %-6s heap %s B/conn, RSS %s B/conn%n", "idle", who,
                Main.format(figures.idleHeapBytes()), Main.format(figures.idleRssBytes()));
        }
        out.println();
        out.println("clients against the floor server (client CPU per call is this process's)");
        for (ClientBench.Result r : clients) {
            out.printf(Locale.ROOT, "%-18s %14s calls/s %8.2f us CPU%n", r.name(), Main.format(r.callsPerSecond()),
                r.clientCpuMicrosPerCall());
        }
        out.println();
        out.println("ratios, ours / floor (target)");
        line(out, "pipelined calls/s", throughputRatio(), ">= " + THROUGHPUT_TARGET,
            throughputRatio() >= THROUGHPUT_TARGET);
        line(out, "server CPU per call", cpuRatio(), "<= " + CPU_TARGET, cpuRatio() <= CPU_TARGET);
        line(out, "sync p50 latency", p50Ratio(), "<= " + P50_TARGET, p50Ratio() <= P50_TARGET);
        double p99 = ours.sync1().p99Micros() / floor.sync1().p99Micros();
        line(out, "sync p99 latency", p99, "report", true);
        double syncN = ours.syncN().callsPerSecond() / floor.syncN().callsPerSecond();
        line(out, "sync x8 calls/s", syncN, "report", true);
        double notify = ours.notifications().callsPerSecond() / floor.notifications().callsPerSecond();
        line(out, "notifications/s", notify, "report", true);
        double idle = ours.idleHeapBytes() / floor.idleHeapBytes();
        line(out, "heap per idle conn", idle, "ours <= 8 KiB", ours.idleHeapBytes() <= IDLE_TARGET_BYTES);
        line(out, "client sync calls/s", clients[0].callsPerSecond() / clients[2].callsPerSecond(), "report", true);
        line(out, "client pipelined /s", clients[1].callsPerSecond() / clients[3].callsPerSecond(), "report", true);
    }

    private static void line(PrintStream out, String what, double ratio, String target, boolean met) {
        out.printf(Locale.ROOT, "  %-22s %6.2f  %-14s %s%n", what, ratio, target,
            target.equals("report") ? "" : met ? "met" : "MISSED");
    }
}

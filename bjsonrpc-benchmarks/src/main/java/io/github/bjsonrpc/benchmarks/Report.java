package io.github.bjsonrpc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

import io.github.bjsonrpc.benchmarks.Main.ServerFigures;

/**
 * The figures of one load run and the goals' ratios computed from them, printed as Markdown tables. The goals are
 * about the Spring Boot application as shipped ({@link ServerKind#SPRING}) against the floor and gRPC-java; the
 * core server's own ratios to the floor follow as a report.
 */
record Report(Map<ServerKind, ServerFigures> servers, ClientBench.Figures clients, Main.LoadOptions options) {

    /** Heap per idle connection of the core server, at most. */
    static final double IDLE_TARGET_BYTES = 8 * 1024;

    /**
     * One ratio of the run and its goal.
     *
     * @param figure what is compared
     * @param ratio the ratio, NaN where the run could not measure it
     * @param goal the goal, as text
     * @param meets whether a ratio meets the goal
     */
    record Goal(String figure, double ratio, String goal, DoublePredicate meets) {

        /** {@code met}, {@code MISSED}, or empty where there is no figure or no goal. */
        String verdict() {
            if (Double.isNaN(ratio) || meets == null) {
                return "";
            }
            return meets.test(ratio) ? "met" : "MISSED";
        }
    }

    ServerFigures of(ServerKind kind) {
        return servers.get(kind);
    }

    /** Whether this run measured the server. */
    boolean has(ServerKind kind) {
        return servers.containsKey(kind);
    }

    /** The goals of the run, in the order of the performance goals. */
    List<Goal> goals() {
        EchoMode pipelined = EchoMode.PIPELINED_1X128;
        return List.of(
            new Goal("pipelined calls/s (1 connection x 128), Spring as shipped / floor",
                ratio(ServerKind.SPRING, ServerKind.FLOOR, pipelined, LoadGenerator.Result::callsPerSecond),
                ">= 0.85", r -> r >= 0.85),
            new Goal("server CPU per pipelined call, Spring as shipped / floor",
                ratio(ServerKind.SPRING, ServerKind.FLOOR, pipelined, LoadGenerator.Result::serverCpuMicrosPerCall),
                "<= 1.3", r -> r <= 1.3),
            new Goal("sync p50 (1 connection), Spring as shipped / floor",
                ratio(ServerKind.SPRING, ServerKind.FLOOR, EchoMode.SYNC_1, LoadGenerator.Result::p50Micros),
                "<= 1.2", r -> r <= 1.2),
            new Goal("pipelined calls/s, Spring as shipped / gRPC-java direct",
                ratio(ServerKind.SPRING, ServerKind.GRPC_DIRECT, pipelined, LoadGenerator.Result::callsPerSecond),
                ">= 3", r -> r >= 3),
            new Goal("sync p50, Spring with the opt-in inline mode / gRPC-java direct",
                ratio(ServerKind.SPRING_INLINE, ServerKind.GRPC_DIRECT, EchoMode.SYNC_1,
                    LoadGenerator.Result::p50Micros),
                "<= 1.0", r -> r <= 1.0),
            new Goal("our client's sync calls/s / minimal Netty + Jackson client",
                clients.syncRatio(), ">= 0.95", r -> r >= 0.95));
    }

    /** Further ratios: the core server against the floor, the other modes, gRPC's default executor. */
    List<Goal> reported() {
        EchoMode pipelined = EchoMode.PIPELINED_1X128;
        ServerFigures ours = of(ServerKind.OURS);
        return List.of(
            new Goal("pipelined calls/s (1 x 128), core server / floor",
                ratio(ServerKind.OURS, ServerKind.FLOOR, pipelined, LoadGenerator.Result::callsPerSecond),
                ">= 0.85", r -> r >= 0.85),
            new Goal("server CPU per pipelined call, core server / floor",
                ratio(ServerKind.OURS, ServerKind.FLOOR, pipelined, LoadGenerator.Result::serverCpuMicrosPerCall),
                "<= 1.15", r -> r <= 1.15),
            new Goal("sync p50, core server / floor",
                ratio(ServerKind.OURS, ServerKind.FLOOR, EchoMode.SYNC_1, LoadGenerator.Result::p50Micros),
                "<= 1.2", r -> r <= 1.2),
            new Goal("pipelined calls/s (4 x 64), Spring as shipped / floor",
                ratio(ServerKind.SPRING, ServerKind.FLOOR, EchoMode.PIPELINED_4X64,
                    LoadGenerator.Result::callsPerSecond), "", null),
            new Goal("sync x8 calls/s, Spring as shipped / floor",
                ratio(ServerKind.SPRING, ServerKind.FLOOR, EchoMode.SYNC_8, LoadGenerator.Result::callsPerSecond),
                "", null),
            new Goal("sync p50, Spring as shipped / gRPC-java direct",
                ratio(ServerKind.SPRING, ServerKind.GRPC_DIRECT, EchoMode.SYNC_1, LoadGenerator.Result::p50Micros),
                "", null),
            new Goal("sync p50, core server inline / gRPC-java direct",
                ratio(ServerKind.OURS_INLINE, ServerKind.GRPC_DIRECT, EchoMode.SYNC_1,
                    LoadGenerator.Result::p50Micros), "", null),
            new Goal("sync p50, Spring inline / Spring as shipped",
                ratio(ServerKind.SPRING_INLINE, ServerKind.SPRING, EchoMode.SYNC_1, LoadGenerator.Result::p50Micros),
                "", null),
            new Goal("pipelined calls/s (1 x 128), Spring inline / gRPC-java direct",
                ratio(ServerKind.SPRING_INLINE, ServerKind.GRPC_DIRECT, pipelined,
                    LoadGenerator.Result::callsPerSecond), "", null),
            new Goal("pipelined calls/s, Spring as shipped / gRPC-java default",
                ratio(ServerKind.SPRING, ServerKind.GRPC_DEFAULT, pipelined, LoadGenerator.Result::callsPerSecond),
                "", null),
            new Goal("notifications/s, Spring as shipped / floor",
                of(ServerKind.SPRING).notifications().callsPerSecond()
                    / of(ServerKind.FLOOR).notifications().callsPerSecond(), "", null),
            new Goal("heap per idle connection, core server (bytes)", ours.idleHeapBytes(), "<= 8192",
                r -> r <= IDLE_TARGET_BYTES),
            new Goal("our client's pipelined calls/s / minimal client",
                clients.pipelinedRatio(), "", null),
            new Goal("our client's sync calls/s / minimal client, the ratio of their median rounds",
                clients.medians()[0].callsPerSecond() / clients.medians()[2].callsPerSecond(), "", null));
    }

    private double ratio(ServerKind a, ServerKind b, EchoMode mode,
            ToDoubleFunction<LoadGenerator.Result> figure) {
        if (!has(a) || !has(b)) {
            return Double.NaN;
        }
        return figure.applyAsDouble(of(a).get(mode)) / figure.applyAsDouble(of(b).get(mode));
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "bjsonrpc load run: every server in its own JVM, the same load generator, %s s per "
            + "mode after %s s of warm-up (sync x1: %d slices per server, taken from every server in turn, each "
            + "after %d ms of unmeasured calls), median of %d round(s)%s; load average (1, 5, 15 min) at the end: "
            + "%s%n%n", seconds(options.measure().toMillis()), seconds(options.warmup().toMillis()),
            InterleavedSync.SLICES, InterleavedSync.SLICE_WARMUP.toMillis(), options.rounds(),
            options.warmRound() ? " after a warm-up round" : "", loadAverage());
        out.println("| server | mode | calls/s | p50 µs | p99 µs | server CPU µs/call |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (ServerFigures figures : servers.values()) {
            for (LoadGenerator.Result r : figures.echo().values()) {
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f |%n", figures.kind(), r.mode(),
                    Main.format(r.callsPerSecond()), Main.format(r.p50Micros()), Main.format(r.p99Micros()),
                    r.serverCpuMicrosPerCall());
            }
        }
        out.println();
        out.println("| server | notifications/s | server CPU µs/notification | heap B/idle connection | "
            + "RSS B/idle connection | calls timed by Micrometer |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (ServerFigures figures : servers.values()) {
            LoadGenerator.Result n = figures.notifications();
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", figures.kind(),
                n == null ? "n/a" : Main.format(n.callsPerSecond()),
                n == null ? "n/a" : String.format(Locale.ROOT, "%.2f", n.serverCpuMicrosPerCall()),
                Main.format(figures.idleHeapBytes()), Main.format(figures.idleRssBytes()),
                figures.observedCalls() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", figures.observedCalls()));
        }
        out.println();
        out.printf(Locale.ROOT, "Clients against the floor server, in %d JVM(s) of their own, one after the other; "
            + "each measurement's median over the JVMs of its median of %d rounds (client CPU per call is the "
            + "client JVM's); the goals compare the clients round by round, the median over the JVMs:%n",
            options.clientForks(), options.clientRounds());
        out.println();
        out.println("| client | calls/s | client CPU µs/call |");
        out.println("|---|---:|---:|");
        for (ClientBench.Result r : clients.medians()) {
            out.printf(Locale.ROOT, "| %s | %s | %.2f |%n", r.name(), Main.format(r.callsPerSecond()),
                r.clientCpuMicrosPerCall());
        }
        out.println();
        out.println("Goals:");
        out.println();
        table(out, goals());
        out.println();
        out.println("Also:");
        out.println();
        table(out, reported());
    }

    private static void table(PrintStream out, List<Goal> goals) {
        out.println("| figure | this run | goal | |");
        out.println("|---|---:|---|---|");
        for (Goal goal : goals) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", goal.figure(),
                Double.isNaN(goal.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.2f", goal.ratio()), goal.goal(),
                goal.verdict());
        }
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1e3);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "n/a";
        }
    }
}

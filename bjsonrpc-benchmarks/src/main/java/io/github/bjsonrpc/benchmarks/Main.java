package io.github.bjsonrpc.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmarks: {@code micro} (JMH, the per-message path), {@code load} (loopback load, in one run and
 * through the same load generator, against the Netty + Jackson floor, the core server, the Spring Boot application
 * as shipped and gRPC-java with its direct and its default executor, each server in a process of its own; and our
 * client against the minimal client) or {@code all}; for profiling one part, {@code server <kind>} (one of
 * {@link ServerKind}'s ids: {@code floor}, {@code ours}, {@code spring}, {@code grpc-direct}, {@code grpc-default},
 * ...) and {@code client}; {@code pool} (one client over one, two and three core server processes,
 * {@link PoolBench}, with {@code --seconds}, {@code --warmup}, {@code --rounds} and {@code --quick}); {@code soak [seconds]} (default 120) checks that heap and threads come back to their
 * baseline after minutes of connections, calls, pipes and remote objects. Options of {@code load}:
 * {@code --seconds S} measured per mode (default 5), {@code --warmup S} (2), {@code --rounds N} of the call modes,
 * each round rotating the order of the servers, each mode's median round reported (3); in each round, one
 * synchronous call at a time is measured in {@value InterleavedSync#SLICES} slices per server, taken from every
 * server in turn ({@link InterleavedSync}), the other modes one server after the other; after a first round that
 * only warms up (every mode for twice the warm-up time), {@code --idle N} connections for the idle-memory figure
 * (10000), {@code --client-rounds N} of the client measurements (5), each measured for {@code --client-seconds S}
 * (1.5; a synchronous round in {@value ClientBench#SYNC_SLICES} slices per client, the clients taking turns), after
 * {@code --client-passes N} (2) that only warm up, {@code --quick} for a
 * seconds-long smoke run; {@code client} takes the same options. A load run measures the clients last, once its
 * servers have stopped, in {@code --client-forks N} JVMs of their own (3), one after the other, and reports the
 * median over them ({@link ClientProcess}).
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the mode and its options
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        QuietLogging.install();
        List<String> arguments = new ArrayList<>();
        for (String arg : args) {
            arguments.addAll(Arrays.asList(arg.trim().split("\\s+")));
        }
        String mode = arguments.isEmpty() ? "all" : arguments.remove(0);
        switch (mode) {
            case "micro" -> micro(arguments);
            case "load" -> load(LoadOptions.parse(arguments));
            case "server" -> {
                ServerKind kind = ServerKind.of(arguments.remove(0));
                ServerFigures figures = measureServer(kind, LoadOptions.parse(arguments));
                figures.echo().values().forEach(System.out::println);
                if (figures.notifications() != null) {
                    System.out.println(figures.notifications());
                }
            }
            case "soak" -> {
                Duration duration = Duration.ofSeconds(arguments.isEmpty() ? 120 : Long.parseLong(arguments.get(0)));
                if (!Soak.run(duration, 8)) {
                    System.exit(1);
                }
            }
            case "pool" -> {
                LoadOptions options = LoadOptions.parse(arguments);
                PoolBench.run(options.warmup(), options.measure(), options.rounds()).forEach(System.out::println);
            }
            case "client" -> {
                LoadOptions options = LoadOptions.parse(arguments);
                try (ServerProcess server = ServerProcess.start(ServerKind.FLOOR)) {
                    ClientBench.Figures clients = ClientBench.run(server.port(), options.clientPasses(),
                        options.clientRounds(), options.warmup(), options.clientMeasure());
                    for (ClientBench.Result r : clients.medians()) {
                        System.out.println(r);
                    }
                    System.out.printf(Locale.ROOT, "ours / minimal, median of the rounds' ratios: sync %.2f, "
                        + "pipelined %.2f%n", clients.syncRatio(), clients.pipelinedRatio());
                    // read by a load run, which measures the clients in a JVM of their own (ClientProcess)
                    System.out.println(clients.line());
                }
            }
            case "all" -> {
                micro(List.of());
                load(LoadOptions.parse(arguments));
            }
            default -> throw new IllegalArgumentException("mode must be micro, load, server, client, pool, soak or all, "
                + "not " + mode);
        }
    }

    private static void micro(List<String> jmhArgs) throws Exception {
        List<String> args = new ArrayList<>(jmhArgs.isEmpty()
            ? List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s", "-prof", "gc", "WirePath")
            : jmhArgs);
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    }

    /**
     * What the load run measures.
     *
     * @param warmup warm-up of each measurement
     * @param measure how long each measurement measures
     * @param idleConnections connections opened for the idle-memory figure
     * @param notifications notifications sent for the notification figure
     * @param rounds rounds of the echo modes
     * @param clientForks JVMs, one after the other, in which a load run measures the clients
     * @param clientPasses passes of the client measurements that only warm up, before their rounds
     * @param clientRounds rounds of the client measurements
     * @param clientMeasure how long each client measurement measures
     * @param warmRound whether a first round, not reported, warms every server up (gRPC-java's code paths take
     *     the JIT compiler far longer than one measurement's warm-up on a busy machine)
     */
    record LoadOptions(Duration warmup, Duration measure, int idleConnections, long notifications, int rounds,
            int clientForks, int clientPasses, int clientRounds, Duration clientMeasure, boolean warmRound) {
        static LoadOptions parse(List<String> args) {
            Duration warmup = Duration.ofSeconds(2);
            Duration measure = Duration.ofSeconds(5);
            int idle = 10_000;
            long notifications = 300_000;
            int rounds = 3;
            int clientForks = 3;
            int clientPasses = 2;
            int clientRounds = 5;
            Duration clientMeasure = Duration.ofMillis(1500);
            boolean warmRound = true;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--seconds" -> measure = Duration.ofMillis((long) (Double.parseDouble(args.get(++i)) * 1000));
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args.get(++i)) * 1000));
                    case "--idle" -> idle = Integer.parseInt(args.get(++i));
                    case "--rounds" -> rounds = Integer.parseInt(args.get(++i));
                    case "--client-rounds" -> clientRounds = Integer.parseInt(args.get(++i));
                    case "--client-forks" -> clientForks = Integer.parseInt(args.get(++i));
                    case "--client-passes" -> clientPasses = Integer.parseInt(args.get(++i));
                    case "--client-seconds" ->
                        clientMeasure = Duration.ofMillis((long) (Double.parseDouble(args.get(++i)) * 1000));
                    case "--quick" -> {
                        warmup = Duration.ofMillis(200);
                        measure = Duration.ofMillis(300);
                        idle = 50;
                        notifications = 5_000;
                        rounds = 1;
                        clientForks = 1;
                        clientPasses = 1;
                        clientRounds = 1;
                        clientMeasure = measure;
                        warmRound = false;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            return new LoadOptions(warmup, measure, idle, notifications, rounds, clientForks, clientPasses,
                clientRounds, clientMeasure, warmRound);
        }
    }

    /**
     * Every figure of one server.
     *
     * @param kind the server
     * @param echo each echo mode's median round
     * @param notifications notifications on one connection, or {@code null} where the server takes none
     * @param observedCalls the calls the server's Micrometer registry timed in the whole run, or -1 where the
     *     server has none
     * @param idleHeapBytes heap per idle connection, or NaN where not measured
     * @param idleRssBytes resident memory per idle connection, or NaN where not measured
     */
    record ServerFigures(ServerKind kind, Map<EchoMode, LoadGenerator.Result> echo,
            LoadGenerator.Result notifications, long observedCalls, double idleHeapBytes, double idleRssBytes) {

        /** The median round of one echo mode. */
        LoadGenerator.Result get(EchoMode mode) {
            return echo.get(mode);
        }
    }

    static Report load(LoadOptions options) throws Exception {
        List<ServerKind> kinds = ServerKind.measured();
        Map<ServerKind, double[]> idle = new EnumMap<>(ServerKind.class);
        Map<ServerKind, Map<EchoMode, LoadGenerator.Result>> echoFigures;
        Map<ServerKind, LoadGenerator.Result> notifications = new EnumMap<>(ServerKind.class);
        Map<ServerKind, Long> observedCalls = new EnumMap<>(ServerKind.class);
        ClientBench.Figures clients;
        progress("starting %s", kinds);
        try (ServerGroup servers = new ServerGroup(kinds)) {
            // first, while the servers are fresh (and the slower ones still starting): what idle connections cost
            for (ServerKind kind : List.of(ServerKind.FLOOR, ServerKind.OURS)) {
                idle.put(kind, servers.get(kind).load().idle(options.idleConnections()));
            }
            progress("idle connections measured");
            servers.awaitAll();
            progress("all serving");
            echoFigures = echoRounds(servers, kinds, options);
            for (ServerKind kind : kinds) {
                if (kind.speaksLines()) {
                    notifications.put(kind, servers.get(kind).load().notifications(options.notifications()));
                }
                if (kind.observed()) {
                    observedCalls.put(kind, servers.get(kind).load().observedCalls());
                }
            }
            progress("notifications measured");
        }
        clients = ClientProcess.measure(options);
        progress("clients measured");
        Map<ServerKind, ServerFigures> figures = new EnumMap<>(ServerKind.class);
        double[] notMeasured = {Double.NaN, Double.NaN};
        for (ServerKind kind : kinds) {
            double[] memory = idle.getOrDefault(kind, notMeasured);
            figures.put(kind, new ServerFigures(kind, echoFigures.get(kind), notifications.get(kind),
                observedCalls.getOrDefault(kind, -1L), memory[0], memory[1]));
        }
        Report report = new Report(figures, clients, options);
        report.print(System.out);
        return report;
    }

    /**
     * The echo modes on every server: a warm-up round if asked, then the rounds, each rotating the order of the
     * servers within every mode, so that drift on a shared machine hits all alike. One synchronous call at a time
     * ({@link EchoMode#SYNC_1}), whose latency drifts most, is measured in slices taken from every server in turn
     * ({@link InterleavedSync}); the other modes one server after the other.
     *
     * @return each server's median round of each mode
     */
    private static Map<ServerKind, Map<EchoMode, LoadGenerator.Result>> echoRounds(ServerGroup servers,
            List<ServerKind> kinds, LoadOptions options) throws Exception {
        if (options.warmRound()) {
            for (EchoMode mode : EchoMode.values()) {
                for (ServerKind kind : kinds) {
                    echo(servers.get(kind).load(), mode, options.warmup(), options.warmup());
                }
            }
            progress("warm-up round done");
        }
        Map<ServerKind, Map<EchoMode, List<LoadGenerator.Result>>> rounds = new EnumMap<>(ServerKind.class);
        for (int round = 0; round < options.rounds(); round++) {
            List<ServerKind> order = new ArrayList<>(kinds);
            Collections.rotate(order, -round);
            for (EchoMode mode : EchoMode.values()) {
                Map<ServerKind, LoadGenerator.Result> results = mode == EchoMode.SYNC_1
                    ? InterleavedSync.measure(servers, order, mode.label(), options.measure())
                    : oneAfterTheOther(servers, order, mode, options);
                for (ServerKind kind : order) {
                    LoadGenerator.Result result = results.get(kind);
                    rounds.computeIfAbsent(kind, k -> new EnumMap<>(EchoMode.class))
                        .computeIfAbsent(mode, m -> new ArrayList<>()).add(result);
                    progress("round %d, %s, %s: %s calls/s, p50 %s us", round + 1, kind, mode.label(),
                        format(result.callsPerSecond()), format(result.p50Micros()));
                }
            }
        }
        Map<ServerKind, Map<EchoMode, LoadGenerator.Result>> medians = new EnumMap<>(ServerKind.class);
        rounds.forEach((kind, results) -> medians.put(kind, medians(results)));
        return medians;
    }

    /** One mode measured on each server in turn, each for the whole measuring time. */
    private static Map<ServerKind, LoadGenerator.Result> oneAfterTheOther(ServerGroup servers,
            List<ServerKind> order, EchoMode mode, LoadOptions options) throws Exception {
        Map<ServerKind, LoadGenerator.Result> results = new EnumMap<>(ServerKind.class);
        for (ServerKind kind : order) {
            results.put(kind, echo(servers.get(kind).load(), mode, options.warmup(), options.measure()));
        }
        return results;
    }

    private static LoadGenerator.Result echo(LoadGenerator load, EchoMode mode, Duration warmup, Duration measure)
            throws Exception {
        return load.echo(mode.label(), mode.connections(), mode.window(), warmup, measure);
    }

    /** A line on standard error as the run goes, so that a long run shows where it is. */
    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[load %tT] %s%n", System.currentTimeMillis(),
            String.format(Locale.ROOT, format, args));
    }

    /** Each mode's median round, by calls/s. */
    private static Map<EchoMode, LoadGenerator.Result> medians(Map<EchoMode, List<LoadGenerator.Result>> rounds) {
        Map<EchoMode, LoadGenerator.Result> medians = new EnumMap<>(EchoMode.class);
        rounds.forEach((mode, results) -> {
            List<LoadGenerator.Result> sorted = new ArrayList<>(results);
            sorted.sort(Comparator.comparingDouble(LoadGenerator.Result::callsPerSecond));
            medians.put(mode, sorted.get(sorted.size() / 2));
        });
        return medians;
    }

    static ServerFigures measureServer(ServerKind kind, LoadOptions options) throws Exception {
        try (ServerProcess server = ServerProcess.start(kind)) {
            LoadGenerator load = server.load();
            Map<EchoMode, List<LoadGenerator.Result>> results = new EnumMap<>(EchoMode.class);
            for (EchoMode mode : EchoMode.values()) {
                results.put(mode, List.of(echo(load, mode, options.warmup(), options.measure())));
            }
            return new ServerFigures(kind, medians(results),
                kind.speaksLines() ? load.notifications(options.notifications()) : null,
                kind.observed() ? load.observedCalls() : -1, Double.NaN, Double.NaN);
        }
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.1f", value);
    }
}

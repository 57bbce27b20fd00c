package io.github.bjsonrpc.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks: {@code micro} (JMH, the per-message path), {@code load} (loopback load against our server and
 * the floor server in separate processes, and our client against the minimal client) or {@code all}; for
 * profiling one part, {@code server ours|floor} and {@code client}; {@code soak [seconds]} (default 120) checks that
 * heap and threads come back to their baseline after minutes of connections, calls, pipes and remote objects.
 * Options of
 * {@code load}: {@code --seconds S} measured per mode (default 5), {@code --warmup S} (2), {@code --rounds N} of
 * the call modes, alternating which server goes first, each mode's median round reported (3), {@code --idle N}
 * connections for the idle-memory figure (10000), {@code --quick} for a seconds-long smoke run.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the mode and its options
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>();
        for (String arg : args) {
            arguments.addAll(Arrays.asList(arg.trim().split("\\s+")));
        }
        String mode = arguments.isEmpty() ? "all" : arguments.remove(0);
        switch (mode) {
            case "micro" -> micro(arguments);
            case "load" -> load(LoadOptions.parse(arguments));
            case "server" -> measureServer(arguments.remove(0), LoadOptions.parse(arguments));
            case "soak" -> {
                Duration duration = Duration.ofSeconds(arguments.isEmpty() ? 120 : Long.parseLong(arguments.get(0)));
                if (!Soak.run(duration, 8)) {
                    System.exit(1);
                }
            }
            case "client" -> {
                LoadOptions options = LoadOptions.parse(arguments);
                try (ServerProcess server = ServerProcess.start("floor")) {
                    for (ClientBench.Result r : ClientBench.run(server.port(), options.warmup(), options.measure())) {
                        System.out.println(r);
                    }
                }
            }
            case "all" -> {
                micro(List.of());
                load(LoadOptions.parse(arguments));
            }
            default -> throw new IllegalArgumentException("mode must be micro, load or all, not " + mode);
        }
    }

    private static void micro(List<String> jmhArgs) throws Exception {
        List<String> args = new ArrayList<>(jmhArgs.isEmpty()
            ? List.of("-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s", "-prof", "gc", "WirePath")
            : jmhArgs);
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    }

    /** What the load run measures. */
    record LoadOptions(Duration warmup, Duration measure, int idleConnections, long notifications, int rounds) {
        static LoadOptions parse(List<String> args) {
            Duration warmup = Duration.ofSeconds(2);
            Duration measure = Duration.ofSeconds(5);
            int idle = 10_000;
            long notifications = 300_000;
            int rounds = 3;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--seconds" -> measure = Duration.ofMillis((long) (Double.parseDouble(args.get(++i)) * 1000));
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args.get(++i)) * 1000));
                    case "--idle" -> idle = Integer.parseInt(args.get(++i));
                    case "--rounds" -> rounds = Integer.parseInt(args.get(++i));
                    case "--quick" -> {
                        warmup = Duration.ofMillis(300);
                        measure = Duration.ofMillis(700);
                        idle = 200;
                        notifications = 20_000;
                        rounds = 1;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            return new LoadOptions(warmup, measure, idle, notifications, rounds);
        }
    }

    /** Every figure of one server. */
    record ServerFigures(LoadGenerator.Result sync1, LoadGenerator.Result syncN, LoadGenerator.Result pipelined,
            LoadGenerator.Result notifications, double idleHeapBytes, double idleRssBytes) {
    }

    static Report load(LoadOptions options) throws Exception {
        List<List<LoadGenerator.Result>> floorRounds = new ArrayList<>();
        List<List<LoadGenerator.Result>> ourRounds = new ArrayList<>();
        LoadGenerator.Result floorNotify;
        LoadGenerator.Result ourNotify;
        try (ServerProcess floorServer = ServerProcess.start("floor");
                ServerProcess ourServer = ServerProcess.start("ours")) {
            LoadGenerator floorLoad = new LoadGenerator(floorServer.port(), floorServer.pid());
            LoadGenerator ourLoad = new LoadGenerator(ourServer.port(), ourServer.pid());
            // rounds alternate which server goes first, so that drift on a shared machine hits both alike
            for (int round = 0; round < options.rounds(); round++) {
                if (round % 2 == 0) {
                    floorRounds.add(echoModes(floorLoad, options));
                    ourRounds.add(echoModes(ourLoad, options));
                } else {
                    ourRounds.add(echoModes(ourLoad, options));
                    floorRounds.add(echoModes(floorLoad, options));
                }
            }
            floorNotify = floorLoad.notifications(options.notifications());
            ourNotify = ourLoad.notifications(options.notifications());
        }
        ServerFigures floor = figures(floorRounds, floorNotify, idle("floor", options));
        ServerFigures ours = figures(ourRounds, ourNotify, idle("ours", options));
        ClientBench.Result[] clients;
        try (ServerProcess server = ServerProcess.start("floor")) {
            clients = ClientBench.run(server.port(), options.warmup(), options.measure());
        }
        Report report = new Report(floor, ours, clients);
        report.print(System.out);
        return report;
    }

    private static List<LoadGenerator.Result> echoModes(LoadGenerator load, LoadOptions options) throws Exception {
        return List.of(load.echo("sync x1", 1, 1, options.warmup(), options.measure()),
            load.echo("sync x8", 8, 1, options.warmup(), options.measure()),
            load.echo("pipelined 4x64", 4, 64, options.warmup(), options.measure()));
    }

    /** Each mode's median round, by calls/s. */
    private static ServerFigures figures(List<List<LoadGenerator.Result>> rounds, LoadGenerator.Result notify,
            double[] idle) {
        LoadGenerator.Result[] medians = new LoadGenerator.Result[3];
        for (int mode = 0; mode < 3; mode++) {
            int m = mode;
            List<LoadGenerator.Result> results = new ArrayList<>(rounds.stream().map(r -> r.get(m)).toList());
            results.sort(java.util.Comparator.comparingDouble(LoadGenerator.Result::callsPerSecond));
            medians[mode] = results.get(results.size() / 2);
        }
        return new ServerFigures(medians[0], medians[1], medians[2], notify, idle[0], idle[1]);
    }

    private static double[] idle(String kind, LoadOptions options) throws Exception {
        try (ServerProcess server = ServerProcess.start(kind)) {
            return new LoadGenerator(server.port(), server.pid()).idle(options.idleConnections());
        }
    }

    static ServerFigures measureServer(String kind, LoadOptions options) throws Exception {
        try (ServerProcess server = ServerProcess.start(kind)) {
            LoadGenerator load = new LoadGenerator(server.port(), server.pid());
            return figures(List.of(echoModes(load, options)), load.notifications(options.notifications()),
                new double[] {Double.NaN, Double.NaN});
        }
    }

    /** A server in a JVM of its own, so that its CPU time and memory are its own. */
    static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final int port;

        private ServerProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ServerProcess start(String kind) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), BenchServer.class.getName(), kind)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the " + kind + " server did not start: " + line);
            }
            return new ServerProcess(process, Integer.parseInt(line.substring(5).trim()));
        }

        int port() {
            return port;
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }
}

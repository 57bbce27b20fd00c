package io.github.bjsonrpc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client measurements of a load run, in JVMs of their own, one after the other, as {@code client} runs them:
 * against a floor server of their own, with no other server running and no JIT profile or heap left by the load
 * generator, as JMH forks measure each benchmark. What the compiler makes of two clients this close differs from
 * one JVM to the next by more than the rounds within one JVM vary, so the figures are the median over the JVMs.
 */
final class ClientProcess {

    private ClientProcess() {
    }

    /**
     * @param options the run's options: the JVMs, warm-up, client passes, rounds and their length
     * @return what the clients measured, the median over the JVMs
     */
    static ClientBench.Figures measure(Main.LoadOptions options) {
        List<ClientBench.Figures> forks = new ArrayList<>();
        for (int fork = 0; fork < options.clientForks(); fork++) {
            ClientBench.Figures figures = fork(options);
            Main.progress("client JVM %d of %d: ours / minimal, sync %.2f, pipelined %.2f", fork + 1,
                options.clientForks(), figures.syncRatio(), figures.pipelinedRatio());
            forks.add(figures);
        }
        return ClientBench.Figures.median(forks);
    }

    private static ClientBench.Figures fork(Main.LoadOptions options) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), Main.class.getName(), "client",
            "--warmup", seconds(options.warmup()), "--client-passes", Integer.toString(options.clientPasses()),
            "--client-rounds", Integer.toString(options.clientRounds()),
            "--client-seconds", seconds(options.clientMeasure()));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ClientBench.Figures figures = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ClientBench.Figures.PREFIX)) {
                        figures = ClientBench.Figures.parse(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (figures == null) {
                throw new IllegalStateException("the client measurements ended (exit " + exit + ") without figures");
            }
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the client measurements", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the clients were measured", e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}

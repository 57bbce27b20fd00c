package io.github.bjsonrpc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.bjsonrpc.benchmarks.contract.Launcher;

/**
 * A server in a JVM of its own ({@code -Xms1g -Xmx1g}), so that its CPU time and memory are its own. Starting
 * returns at once, so that several servers start together; {@link #port()} waits for the server's announcement
 * (see {@link Launcher}). What the server prints besides goes to this process's standard error.
 */
final class ServerProcess implements AutoCloseable {

    private final ServerKind kind;
    private final Process process;
    private final BufferedReader out;
    private int port;

    private ServerProcess(ServerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a server; it is not serving yet. */
    static ServerProcess start(ServerKind kind) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"), kind.mainClass().getName()));
        command.addAll(kind.arguments());
        try {
            return new ServerProcess(kind, new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + kind + " server", e);
        }
    }

    ServerKind kind() {
        return kind;
    }

    /** The port it serves on, once it has said so. */
    synchronized int port() {
        if (port == 0) {
            port = awaitAnnouncement();
            Thread forward = new Thread(this::forwardOutput, kind + "-output");
            forward.setDaemon(true);
            forward.start();
        }
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** A load generator for this server. */
    LoadGenerator load() {
        return new LoadGenerator(kind, port(), pid());
    }

    private int awaitAnnouncement() {
        List<String> before = new ArrayList<>();
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(Launcher.PORT_PREFIX)) {
                    return Integer.parseInt(line.substring(Launcher.PORT_PREFIX.length()).trim());
                }
                before.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the " + kind + " server did not start; it printed:\n"
            + String.join("\n", before));
    }

    private void forwardOutput() {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                System.err.println(kind + ": " + line);
            }
        } catch (IOException e) {
            // the server is gone
        }
    }

    /** Asks the server to stop, without waiting. */
    void requestStop() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it is going away anyway
        }
    }

    /** Stops the server: asks, waits up to 20 s, then ends it forcibly. */
    @Override
    public void close() {
        requestStop();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

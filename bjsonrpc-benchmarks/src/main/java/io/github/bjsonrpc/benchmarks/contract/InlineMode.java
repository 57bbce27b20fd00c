package io.github.bjsonrpc.benchmarks.contract;

import java.util.List;

import io.github.bjsonrpc.BjsonRpcServer;

/**
 * The opt-in inline mode, where a call runs on the event loop with no hop to the handler pool, as gRPC-java's
 * {@code directExecutor()} does. A server process given the {@link #ARGUMENT} serves that way. The core server has
 * no such setting yet: {@link #available()} is {@code false}, the load run does not start inline servers and prints
 * {@code n/a} for their figures. Once it has, this class is the one place that turns it on.
 */
public final class InlineMode {

    /** The server-process argument that asks for the inline mode. */
    public static final String ARGUMENT = "--inline";

    private InlineMode() {
    }

    /**
     * Whether the core server can run calls inline.
     *
     * @return {@code false} until it can
     */
    public static boolean available() {
        return false;
    }

    /**
     * Whether a server process's arguments ask for the inline mode.
     *
     * @param args the process arguments
     * @return whether {@link #ARGUMENT} is among them
     */
    public static boolean requested(String[] args) {
        return List.of(args).contains(ARGUMENT);
    }

    /**
     * Configures the core server for the inline mode.
     *
     * @param builder the server being built
     * @return the builder
     * @throws UnsupportedOperationException while {@link #available()} is {@code false}
     */
    public static BjsonRpcServer.Builder apply(BjsonRpcServer.Builder builder) {
        throw unavailable();
    }

    /**
     * The Spring Boot arguments that turn the inline mode on in the application.
     *
     * @return property arguments, such as {@code --bjsonrpc.server.<property>=...}
     * @throws UnsupportedOperationException while {@link #available()} is {@code false}
     */
    public static List<String> springArguments() {
        throw unavailable();
    }

    private static UnsupportedOperationException unavailable() {
        return new UnsupportedOperationException("the core server has no inline mode yet");
    }
}

package io.github.bjsonrpc.benchmarks.contract;

import java.util.List;

import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.ConnectionOptions;

/**
 * The opt-in inline mode, where a call runs on the event loop with no hop to the handler pool, as gRPC-java's
 * {@code directExecutor()} does. A server process given the {@link #ARGUMENT} serves that way: the core server with
 * every method of the contract inline ({@link ConnectionOptions#ALL_METHODS}; {@link EchoHandler#memory()}, which
 * collects garbage, opts out with {@code @Inline(false)}), the Spring Boot application with
 * {@code bjsonrpc.server.inline=true}. This class is the one place that turns it on.
 */
public final class InlineMode {

    /** The server-process argument that asks for the inline mode. */
    public static final String ARGUMENT = "--inline";

    private InlineMode() {
    }

    /**
     * Whether the core server can run calls inline.
     *
     * @return {@code true}: it can
     */
    public static boolean available() {
        return true;
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
     */
    public static BjsonRpcServer.Builder apply(BjsonRpcServer.Builder builder) {
        return builder.options(ConnectionOptions.defaults().withInlineMethods(ConnectionOptions.ALL_METHODS));
    }

    /**
     * The Spring Boot arguments that turn the inline mode on in the application.
     *
     * @return property arguments, such as {@code --bjsonrpc.server.<property>=...}
     */
    public static List<String> springArguments() {
        return List.of("--bjsonrpc.server.inline=true");
    }
}

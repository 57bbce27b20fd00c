package io.github.bjsonrpc.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.github.bjsonrpc.benchmarks.contract.InlineMode;
import io.github.bjsonrpc.benchmarks.spring.BenchApplication;

/** The servers a load run can drive, each started as a JVM of its own by {@link ServerProcess}. */
enum ServerKind {

    /** The Netty + Jackson floor ({@link FloorServer}). */
    FLOOR("floor", Protocol.LINES, false, BenchServer.class, "floor"),
    /** The core server alone, no Spring. */
    OURS("ours", Protocol.LINES, false, BenchServer.class, "ours"),
    /** The core server in the inline mode. */
    OURS_INLINE("ours-inline", Protocol.LINES, false, BenchServer.class, "ours", InlineMode.ARGUMENT),
    /** The Spring Boot application as shipped: observation and metrics on. */
    SPRING("spring", Protocol.LINES, true, BenchApplication.class),
    /** The Spring Boot application with the inline mode turned on. */
    SPRING_INLINE("spring-inline", Protocol.LINES, true, BenchApplication.class, InlineMode.ARGUMENT),
    /** gRPC-java with {@code directExecutor()}. */
    GRPC_DIRECT("grpc-direct", Protocol.GRPC, false, BenchServer.class, "grpc-direct"),
    /** gRPC-java with its default executor. */
    GRPC_DEFAULT("grpc-default", Protocol.GRPC, false, BenchServer.class, "grpc-default");

    /** How a load client speaks to a server. */
    enum Protocol {
        /** bjsonrpc: one JSON object per line over TCP. */
        LINES,
        /** gRPC over HTTP/2. */
        GRPC
    }

    private final String id;
    private final Protocol protocol;
    private final boolean observed;
    private final Class<?> mainClass;
    private final List<String> arguments;

    ServerKind(String id, Protocol protocol, boolean observed, Class<?> mainClass, String... arguments) {
        this.id = id;
        this.protocol = protocol;
        this.observed = observed;
        this.mainClass = mainClass;
        this.arguments = List.of(arguments);
    }

    /** The servers of a load run: the inline ones where the inline mode exists. */
    static List<ServerKind> measured() {
        List<ServerKind> kinds = new ArrayList<>(List.of(FLOOR, OURS, SPRING, GRPC_DIRECT, GRPC_DEFAULT));
        if (InlineMode.available()) {
            kinds.add(OURS_INLINE);
            kinds.add(SPRING_INLINE);
        }
        return kinds;
    }

    /** The kind with this id. */
    static ServerKind of(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no server " + id + "; one of " + List.of(values()));
    }

    /** The name used on the command line and in the report. */
    String id() {
        return id;
    }

    Protocol protocol() {
        return protocol;
    }

    /** Whether it speaks lines, and so takes notifications. */
    boolean speaksLines() {
        return protocol == Protocol.LINES;
    }

    /**
     * Whether Micrometer observes its calls: it then answers {@code observedCalls()} with how many it timed.
     */
    boolean observed() {
        return observed;
    }

    /** The class whose {@code main} runs the server. */
    Class<?> mainClass() {
        return mainClass;
    }

    /** What that {@code main} is given. */
    List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return id;
    }
}

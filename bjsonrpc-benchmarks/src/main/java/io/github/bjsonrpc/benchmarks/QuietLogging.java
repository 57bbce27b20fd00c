package io.github.bjsonrpc.benchmarks;

/**
 * Keeps the benchmark's own processes (the load process, the servers without Spring) to warnings and errors on
 * standard error, through the {@code bench-logback.xml} resource; without it Logback would log everything at debug
 * level to standard output. The Spring Boot application does not use it: it logs as Spring Boot does by default.
 */
final class QuietLogging {

    /** The resource with the Logback configuration. */
    static final String CONFIGURATION = "bench-logback.xml";

    private QuietLogging() {
    }

    /** Call first thing in {@code main}, before anything logs. */
    static void install() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIGURATION);
        }
    }
}

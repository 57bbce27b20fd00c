package io.github.bjsonrpc.benchmarks.contract;

import java.io.IOException;

/**
 * How a server process talks to the load run that started it: it prints {@code PORT <n>} on its standard output
 * once it serves, and stops when its standard input closes (the load run closes it, or has gone away).
 */
public final class Launcher {

    /** What the line announcing the port starts with. */
    public static final String PORT_PREFIX = "PORT ";

    private Launcher() {
    }

    /**
     * Announces the port the server listens on.
     *
     * @param port the bound port
     */
    public static void announce(int port) {
        System.out.println(PORT_PREFIX + port);
        System.out.flush();
    }

    /** Returns once the standard input is closed. */
    public static void awaitParentGone() {
        try {
            while (System.in.read() >= 0) {
                // nothing is sent: only the end matters
            }
        } catch (IOException e) {
            // the parent is gone all the same
        }
    }
}

package io.github.bjsonrpc.benchmarks.contract;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap a server process really holds: used heap after full collections. */
public final class HeapProbe {

    private HeapProbe() {
    }

    /**
     * Collects three times and keeps the smallest reading.
     *
     * @return heap bytes in use after a full collection
     */
    public static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

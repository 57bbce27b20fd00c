package io.github.bjsonrpc.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Traffic counters of one connection, cheap to update from any thread. */
final class TrafficCounters {

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    void bytesIn(long count) {
        bytesIn.add(count);
    }

    void bytesOut(long count) {
        bytesOut.add(count);
    }

    void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Bytes read, line ends included. */
    long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes written, line ends included. */
    long bytesOut() {
        return bytesOut.sum();
    }

    /** Lines or batch elements dropped without a reply, by reason. */
    Map<String, Long> dropped() {
        Map<String, Long> counts = new TreeMap<>();
        dropped.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }
}

package io.github.bjsonrpc.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.RpcObserver;

/**
 * What happened on one connection: counted here, cheap to update from any thread, and told to the connection's
 * observer.
 */
final class TrafficCounters {

    private static final Logger log = LoggerFactory.getLogger(TrafficCounters.class);

    private final Connection connection;
    private final RpcObserver observer;
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    TrafficCounters(Connection connection, RpcObserver observer) {
        this.connection = connection;
        this.observer = observer;
    }

    /** The connection counted. */
    Connection connection() {
        return connection;
    }

    /** A line was read: {@code count} bytes, its line end included. */
    void read(long count) {
        bytesIn.add(count);
        observer.bytesRead(connection, count);
    }

    /** One line or more were handed to the channel: {@code count} bytes, line ends included. */
    void written(long count) {
        bytesOut.add(count);
        observer.bytesWritten(connection, count);
    }

    /** A line or batch element was dropped without a reply. */
    void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
        observer.rejected(connection, reason);
        log.debug("Connection {}: dropped a line ({})", connection.id(), reason);
    }

    /** A limit of the connection refused or paused something. */
    void limitReached(String limit) {
        observer.limitReached(connection, limit);
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

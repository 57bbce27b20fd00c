package io.github.bjsonrpc.transport;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

/**
 * The connections of one listener: a slot for every accepted channel until it closes, within
 * {@code maxConnections} exactly whichever I/O threads accept at once, and the admitted connections.
 */
final class ConnectionRegistry {

    private final int maxConnections;
    private final AtomicInteger slots = new AtomicInteger();
    private final Set<NettyConnection> admitted = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Takes a slot for an accepted channel, given back when it closes.
     *
     * @param channel the accepted channel
     * @return whether a slot was free
     */
    boolean reserve(Channel channel) {
        if (slots.incrementAndGet() > maxConnections) {
            slots.decrementAndGet();
            return false;
        }
        channel.closeFuture().addListener(closed -> slots.decrementAndGet());
        return true;
    }

    /**
     * Lists an admitted connection until it closes; one admitted while the listener closes is closed at once.
     *
     * @param connection the connection
     */
    void admit(NettyConnection connection) {
        admitted.add(connection);
        connection.closeFuture().whenComplete((ignored, failure) -> admitted.remove(connection));
        // after the add: a close that took its list before this add has set the flag already
        if (closing) {
            connection.close();
        }
    }

    /** The listener closes. */
    void closing() {
        closing = true;
    }

    /** The admitted connections still open. */
    Collection<NettyConnection> connections() {
        return Collections.unmodifiableSet(admitted);
    }

    /** A copy of them, to act on. */
    List<NettyConnection> snapshot() {
        return List.copyOf(admitted);
    }
}

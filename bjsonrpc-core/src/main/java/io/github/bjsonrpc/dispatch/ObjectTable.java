package io.github.bjsonrpc.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.BjsonRpcException;
import io.github.bjsonrpc.wire.Exporter;

/**
 * The objects one connection has exported to its peer, by name. Names are the reference's: lowercased simple class
 * name, {@code _}, and the connection's shared counter in lowercase hex, at least four digits. An object exported
 * again while live keeps its name; a deleted one exported again gets a new name.
 */
public final class ObjectTable implements Exporter {

    private static final Logger log = LoggerFactory.getLogger(ObjectTable.class);

    private final LongSupplier counter;
    private final int limit;
    private final Runnable onLimit;
    private final Map<String, Object> byName = new HashMap<>();
    private final Map<Object, String> names = new IdentityHashMap<>();
    private boolean closed;

    /**
     * @param counter the connection's counter, shared with request ids
     * @param limit how many objects may be live at once
     * @param onLimit told each time the limit refuses an object
     */
    public ObjectTable(LongSupplier counter, int limit, Runnable onLimit) {
        this.counter = counter;
        this.limit = limit;
        this.onLimit = onLimit;
    }

    @Override
    public synchronized String export(Object object) {
        String name = names.get(object);
        if (name != null) {
            return name;
        }
        if (closed) {
            throw new BjsonRpcException("The connection is closed: no object can be exported on it");
        }
        if (byName.size() >= limit) {
            onLimit.run();
            throw new BjsonRpcException("This connection already holds " + limit + " remote objects (the limit, "
                + "maxRemoteObjects): the peer must delete some before more can be exported");
        }
        name = String.format(Locale.ROOT, "%s_%04x", object.getClass().getSimpleName().toLowerCase(Locale.ROOT),
            counter.getAsLong());
        byName.put(name, object);
        names.put(object, name);
        return name;
    }

    /**
     * @param name an object name
     * @return the live object, or {@code null}
     */
    public synchronized Object find(String name) {
        return byName.get(name);
    }

    /** The names of the live objects. */
    public synchronized List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * Forgets an object and closes it if it is {@link AutoCloseable}. Deleting an unknown or deleted name does
     * nothing.
     *
     * @param name the object name
     * @return whether an object was deleted
     */
    public boolean delete(String name) {
        Object object;
        synchronized (this) {
            object = byName.remove(name);
            if (object == null) {
                return false;
            }
            names.remove(object);
        }
        closeQuietly(name, object);
        return true;
    }

    /** Deletes every object, once the connection has closed; nothing can be exported afterwards. */
    public void closeAll() {
        Map<String, Object> live;
        synchronized (this) {
            closed = true;
            live = new HashMap<>(byName);
            byName.clear();
            names.clear();
        }
        live.forEach(ObjectTable::closeQuietly);
    }

    private static void closeQuietly(String name, Object object) {
        if (object instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Remote object {} failed to close", name, e);
            }
        }
    }
}

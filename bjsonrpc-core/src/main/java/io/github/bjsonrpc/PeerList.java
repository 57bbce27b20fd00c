package io.github.bjsonrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances a client connects to ({@link BjsonRpcClient#builder(PeerList)}): a list of addresses that may
 * change while the client runs. A client following it connects to each instance that comes into the list and drops
 * each that leaves it at once (calls in flight there fail with {@link ConnectionClosedException}).
 *
 * <p>The list is either given ({@link #of}) and changed with {@link #update}, or read from a source
 * ({@link #from}), such as service discovery, at first and again at each {@link #refresh()}. Addresses are kept in
 * the order given, without duplicates. Thread-safe.
 */
public final class PeerList {

    private static final Logger log = LoggerFactory.getLogger(PeerList.class);

    /** Refreshes asked for by clients that have no live connection come at most this often. */
    static final Duration MIN_ON_DEMAND_REFRESH = Duration.ofSeconds(1);

    private final Supplier<? extends Collection<PeerAddress>> source;
    private final List<Consumer<List<PeerAddress>>> followers = new CopyOnWriteArrayList<>();
    private volatile List<PeerAddress> addresses = List.of();
    private volatile long lastRefresh;

    private PeerList(Supplier<? extends Collection<PeerAddress>> source) {
        this.source = source;
    }

    /**
     * A list given here, changed only by {@link #update}.
     *
     * @param addresses the instances
     * @return the list
     */
    public static PeerList of(Collection<PeerAddress> addresses) {
        PeerList list = new PeerList(null);
        list.update(addresses);
        return list;
    }

    /**
     * A list given here, changed only by {@link #update}.
     *
     * @param addresses the instances, each {@code host:port} ({@link PeerAddress#parse})
     * @return the list
     * @throws IllegalArgumentException if an address is not {@code host:port}
     */
    public static PeerList of(String... addresses) {
        List<PeerAddress> parsed = new ArrayList<>(addresses.length);
        for (String address : addresses) {
            parsed.add(PeerAddress.parse(address));
        }
        return of(parsed);
    }

    /**
     * A list read from {@code source} now and at each {@link #refresh()}. A source that fails leaves the list as it
     * was (the failure is logged); one that answers an empty list empties it.
     *
     * @param source gives the current instances, such as a discovery client's
     * @return the list
     */
    public static PeerList from(Supplier<? extends Collection<PeerAddress>> source) {
        PeerList list = new PeerList(Objects.requireNonNull(source, "source"));
        list.refresh();
        return list;
    }

    /** The instances now, in order. */
    public List<PeerAddress> addresses() {
        return addresses;
    }

    /**
     * Replaces the instances; the clients following the list connect to the new ones and drop the ones gone.
     *
     * @param next the instances from now on
     * @return whether the list changed
     */
    public boolean update(Collection<PeerAddress> next) {
        List<PeerAddress> distinct = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(next, "addresses")));
        synchronized (this) {
            if (distinct.equals(addresses)) {
                return false;
            }
            addresses = distinct;
            for (Consumer<List<PeerAddress>> follower : followers) {
                follower.accept(distinct);
            }
        }
        return true;
    }

    /**
     * Reads the source again, for a list made {@link #from} one; does nothing for a list given.
     *
     * @return whether the list changed
     */
    public boolean refresh() {
        if (source == null) {
            return false;
        }
        lastRefresh = System.nanoTime();
        Collection<PeerAddress> read;
        try {
            read = source.get();
        } catch (RuntimeException e) {
            log.warn("Could not read the instances of {}; keeping {}: {}", source, addresses, e.toString());
            return false;
        }
        return update(read == null ? List.of() : read);
    }

    /** A refresh for a client that found no live connection: at most one per {@link #MIN_ON_DEMAND_REFRESH}. */
    void refreshOnDemand() {
        if (source != null && System.nanoTime() - lastRefresh >= MIN_ON_DEMAND_REFRESH.toNanos()) {
            refresh();
        }
    }

    /**
     * Tells {@code follower} of every change, and now of the current list, under the list's lock.
     *
     * @param follower a client's pool
     */
    synchronized void follow(Consumer<List<PeerAddress>> follower) {
        followers.add(follower);
        follower.accept(addresses);
    }

    /**
     * @param follower told no more
     */
    void unfollow(Consumer<List<PeerAddress>> follower) {
        followers.remove(follower);
    }

    @Override
    public String toString() {
        return addresses.toString();
    }
}

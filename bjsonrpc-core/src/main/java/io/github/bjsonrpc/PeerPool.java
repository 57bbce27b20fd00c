package io.github.bjsonrpc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link BjsonRpcClient} built over a {@link PeerList} does: it keeps connections to every instance of the
 * list ({@code connectionsPerPeer} each), each reconnecting with the client's backoff, follows the list as it
 * changes, and gives each call a connected connection by its {@link Balancing}.
 *
 * <p>Connections are chosen per call, never behind a call's back: a call in flight on a connection that is lost
 * fails with {@link ConnectionClosedException}. Two failures are safe to send again, and are: a request that
 * could not be sent because its connection had just closed, and one the instance refused because it had begun
 * shutting down (it never ran there); such a connection is not chosen again.
 */
final class PeerPool {

    private static final Logger log = LoggerFactory.getLogger(PeerPool.class);

    /** One connection of the pool: a single-peer client to one instance. */
    private static final class Member {
        final PeerAddress address;
        final BjsonRpcClient client;
        final AtomicInteger inFlight;
        volatile Connection refusing;

        Member(PeerAddress address, BjsonRpcClient client, AtomicInteger inFlight) {
            this.address = address;
            this.client = client;
            this.inFlight = inFlight;
        }

        /** The open connection, unless its instance has begun shutting down; otherwise {@code null}. */
        Connection usable() {
            Connection open = client.openConnection();
            return open != null && open != refusing ? open : null;
        }
    }

    private final String name;
    private final PeerList peers;
    private final ClientSettings settings;
    private final int connectionsPerPeer;
    private final Balancing balancing;
    private final Consumer<List<PeerAddress>> follower = this::follow;
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile Member[] members = new Member[0];
    private volatile boolean started;
    private volatile boolean closed;

    PeerPool(String name, PeerList peers, ClientSettings settings, int connectionsPerPeer, Balancing balancing) {
        this.name = name;
        this.peers = peers;
        this.settings = settings;
        this.connectionsPerPeer = connectionsPerPeer;
        this.balancing = balancing;
        peers.follow(follower);
    }

    /** The list changed: connect to the instances that came, drop those gone. Called under the list's lock. */
    private void follow(List<PeerAddress> next) {
        List<Member> added = new ArrayList<>();
        Map<PeerAddress, List<Member>> gone;
        synchronized (this) {
            if (closed) {
                return;
            }
            gone = byAddress(members);
            List<Member> kept = new ArrayList<>();
            for (PeerAddress address : next) {
                List<Member> existing = gone.remove(address);
                if (existing != null) {
                    kept.addAll(existing);
                    continue;
                }
                for (int i = 0; i < connectionsPerPeer; i++) {
                    Member member = member(address, i);
                    kept.add(member);
                    added.add(member);
                }
            }
            members = kept.toArray(new Member[0]);
        }
        gone.forEach((address, dropped) -> {
            log.info("Client '{}' drops {}: it left the list", name, address);
            dropped.forEach(member -> member.client.close());
        });
        if (started) {
            added.forEach(PeerPool::startConnecting);
        }
    }

    private Member member(PeerAddress address, int index) {
        String memberName = name + "@" + address + (connectionsPerPeer > 1 ? "#" + (index + 1) : "");
        AtomicInteger inFlight = new AtomicInteger();
        RpcObserver counter = balancing == Balancing.LEAST_IN_FLIGHT ? new RpcObserver() {
            @Override
            public Scope issuing(Connection connection, String method) {
                inFlight.incrementAndGet();
                return (type, outcome) -> inFlight.decrementAndGet();
            }
        } : RpcObserver.NONE;
        return new Member(address, settings.client(memberName, address, counter), inFlight);
    }

    private static Map<PeerAddress, List<Member>> byAddress(Member[] of) {
        Map<PeerAddress, List<Member>> grouped = new LinkedHashMap<>();
        for (Member member : of) {
            grouped.computeIfAbsent(member.address, a -> new ArrayList<>()).add(member);
        }
        return grouped;
    }

    /** Starts an attempt unless connected; a failure schedules the member's reconnects. */
    private static CompletableFuture<Connection> startConnecting(Member member) {
        try {
            return member.client.connectAsync();
        } catch (IllegalStateException e) {
            // dropped from the list meanwhile
            return CompletableFuture.failedFuture(new ConnectionClosedException(member.address + " left the list"));
        }
    }

    /**
     * Connects to every instance not connected, and waits for the first connection at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return an open connection
     * @throws BjsonRpcException if no instance could be reached in time
     * @throws IllegalStateException if the client is closed
     */
    Connection connect(Duration timeout) {
        checkOpen();
        started = true;
        Member[] now = members;
        if (now.length == 0) {
            throw new BjsonRpcException("Client '" + name + "' has no instance to connect to: its list is empty");
        }
        CompletableFuture<Connection> first = new CompletableFuture<>();
        AtomicInteger failed = new AtomicInteger();
        Map<PeerAddress, String> reasons = new LinkedHashMap<>();
        for (Member member : now) {
            startConnecting(member).whenComplete((connection, failure) -> {
                if (failure == null) {
                    first.complete(connection);
                    return;
                }
                synchronized (reasons) {
                    reasons.put(member.address, String.valueOf(unwrap(failure).getMessage()));
                }
                if (failed.incrementAndGet() == now.length) {
                    first.completeExceptionally(new BjsonRpcException("Client '" + name
                        + "' could not connect to any of its instances: " + reasons));
                }
            });
        }
        try {
            Connection connected = first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            Connection chosen = pick();
            return chosen != null ? chosen : connected;
        } catch (TimeoutException e) {
            throw new BjsonRpcException("Client '" + name + "' could not connect to any of " + peers + " within "
                + timeout.toMillis() + " ms; the attempts go on");
        } catch (ExecutionException e) {
            throw new BjsonRpcException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BjsonRpcException("Interrupted while client '" + name + "' connects to " + peers, e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
    }

    /**
     * A connection for one call, chosen by the balancing; connecting first if none is open.
     *
     * @return an open connection
     * @throws ConnectionClosedException if no instance can be reached now
     * @throws IllegalStateException if the client is closed
     */
    Connection connection() {
        Connection chosen = pick();
        if (chosen != null) {
            return chosen;
        }
        checkOpen();
        peers.refreshOnDemand();
        try {
            return connect(settings.options().connectTimeout());
        } catch (BjsonRpcException e) {
            throw new ConnectionClosedException("Client '" + name + "' has no live connection: " + e.getMessage());
        }
    }

    /** The connection of the next call by the balancing, or {@code null} if none is usable. */
    private Connection pick() {
        Member member = pickMember();
        return member == null ? null : member.usable();
    }

    private Member pickMember() {
        Member[] all = members;
        int count = all.length;
        if (count == 0) {
            return null;
        }
        int least = 0;
        if (balancing == Balancing.LEAST_IN_FLIGHT) {
            least = Integer.MAX_VALUE;
            for (Member member : all) {
                int load = member.inFlight.get();
                if (load < least && member.usable() != null) {
                    least = load;
                }
            }
        }
        // the candidates: every usable connection, or those with the least in flight; each in turn
        int candidates = 0;
        for (Member member : all) {
            if (candidate(member, least)) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return null;
        }
        int turn = Math.floorMod(cursor.getAndIncrement(), candidates);
        Member fallback = null;
        for (Member member : all) {
            if (candidate(member, least)) {
                if (turn-- == 0) {
                    return member;
                }
                fallback = member;
            }
        }
        // one closed meanwhile
        return fallback;
    }

    private boolean candidate(Member member, int least) {
        return (balancing != Balancing.LEAST_IN_FLIGHT || member.inFlight.get() <= least) && member.usable() != null;
    }

    /**
     * Sends through a chosen connection; when that connection had closed before the request left, through
     * another.
     *
     * @param verb sends the request
     * @param <R> what sending returns
     * @return what the verb returned
     * @throws ConnectionClosedException if no instance can be reached
     */
    <R> R send(Function<Connection, R> verb) {
        ConnectionClosedException last = null;
        for (int attempt = 0; attempt <= members.length; attempt++) {
            Connection connection = connection();
            try {
                return verb.apply(connection);
            } catch (ConnectionClosedException e) {
                // the request never left
                last = e;
            }
        }
        throw last;
    }

    /**
     * Calls and waits; a call the instance refused because it is shutting down goes to another instance.
     *
     * @param request sends the request on a connection
     * @param reply waits for its reply
     * @param <T> the result type
     * @return the result
     */
    <T> T call(Function<Connection, Request<T>> request, Function<Request<T>, T> reply) {
        RemoteError refused = null;
        for (int attempt = 0; attempt <= members.length; attempt++) {
            Connection[] used = new Connection[1];
            Request<T> sent = send(connection -> {
                used[0] = connection;
                return request.apply(connection);
            });
            try {
                return reply.apply(sent);
            } catch (RemoteError e) {
                if (!isShutdownRefusal(e)) {
                    throw e;
                }
                refused = e;
                refusing(used[0]);
            }
        }
        throw refused;
    }

    /** Whether the peer refused a request because it had begun shutting down: it did not run it. */
    static boolean isShutdownRefusal(RemoteError error) {
        Object value = error.error();
        if (value instanceof Map<?, ?> map) {
            value = map.get("message");
        }
        return BjsonRpcServer.SHUTTING_DOWN.equals(value);
    }

    /** An instance refused a request as it shuts down: its connection is chosen no more. */
    private void refusing(Connection connection) {
        for (Member member : members) {
            if (member.client.openConnection() == connection && member.refusing != connection) {
                member.refusing = connection;
                log.info("Client '{}': {} is shutting down; its calls go to the other instances", name,
                    member.address);
            }
        }
    }

    /**
     * A session with an instance chosen by the balancing, connecting first if none is open.
     *
     * @return the open session
     */
    ClientSession session() {
        Connection connection = connection();
        PeerAddress address = null;
        for (Member member : members) {
            if (member.client.openConnection() == connection) {
                address = member.address;
            }
        }
        if (address == null) {
            java.net.InetSocketAddress remote = (java.net.InetSocketAddress) connection.remoteAddress();
            address = new PeerAddress(remote.getHostString(), remote.getPort());
        }
        return ClientSession.open(name, address, settings, settings.options().connectTimeout());
    }

    /** Connected while at least one connection is usable. */
    BjsonRpcClient.State state() {
        if (closed) {
            return BjsonRpcClient.State.CLOSED;
        }
        for (Member member : members) {
            if (member.usable() != null) {
                return BjsonRpcClient.State.CONNECTED;
            }
        }
        return BjsonRpcClient.State.DISCONNECTED;
    }

    /** Each instance of the list and its state, in the list's order. */
    List<PeerState> instances() {
        List<PeerState> states = new ArrayList<>();
        byAddress(members).forEach((address, of) -> {
            int open = 0;
            Throwable error = null;
            Instant next = null;
            for (Member member : of) {
                if (member.usable() != null) {
                    open++;
                }
                error = error != null ? error : member.client.lastError();
                Instant due = member.client.nextAttempt();
                next = next == null || (due != null && due.isBefore(next)) ? due : next;
            }
            BjsonRpcClient.State state = closed ? BjsonRpcClient.State.CLOSED
                : open > 0 ? BjsonRpcClient.State.CONNECTED : BjsonRpcClient.State.DISCONNECTED;
            states.add(new PeerState(address, state, open, open > 0 ? null : error, next));
        });
        return states;
    }

    /** Why connecting failed, while no connection is usable; otherwise {@code null}. */
    Throwable lastError() {
        Throwable error = null;
        for (PeerState instance : instances()) {
            if (instance.state() == BjsonRpcClient.State.CONNECTED) {
                return null;
            }
            error = error != null ? error : instance.lastError();
        }
        return error;
    }

    /** The earliest reconnect due among the instances, or {@code null}. */
    Instant nextAttempt() {
        Instant next = null;
        for (PeerState instance : instances()) {
            Instant due = instance.nextAttempt();
            next = next == null || (due != null && due.isBefore(next)) ? due : next;
        }
        return next;
    }

    /** The list the pool follows. */
    PeerList peers() {
        return peers;
    }

    /** Stops following the list and closes every connection. */
    void close() {
        Member[] all;
        synchronized (this) {
            closed = true;
            all = members;
        }
        peers.unfollow(follower);
        for (Member member : all) {
            member.client.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Client '" + name + "' is closed");
        }
    }

    @Override
    public String toString() {
        return peers + " " + state();
    }
}

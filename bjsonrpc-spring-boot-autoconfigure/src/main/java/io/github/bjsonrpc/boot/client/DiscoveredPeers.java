package io.github.bjsonrpc.boot.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

import io.github.bjsonrpc.PeerAddress;
import io.github.bjsonrpc.PeerList;

/**
 * The instance lists of the clients configured with {@code bjsonrpc.clients.<name>.service-id}: each read from the
 * {@link BjsonRpcServiceDiscovery} when its client is made, again every {@code refresh-interval} on a thread of its
 * own ({@value #THREAD}), and whenever {@link #refreshAll()} is asked for, as on Spring Cloud's heartbeat events.
 */
public class DiscoveredPeers implements DisposableBean {

    /** The name of the thread that reads the lists again. */
    public static final String THREAD = "bjsonrpc-discovery";

    private final Supplier<@Nullable BjsonRpcServiceDiscovery> discovery;
    private final Map<String, PeerList> lists = new ConcurrentHashMap<>();
    private volatile @Nullable ScheduledExecutorService refresher;

    /**
     * @param discovery gives the application's discovery, or {@code null} if it has none
     */
    public DiscoveredPeers(Supplier<@Nullable BjsonRpcServiceDiscovery> discovery) {
        this.discovery = discovery;
    }

    /**
     * The list of a client, read now.
     *
     * @param client the client's name
     * @param serviceId the service whose instances it connects to
     * @param refreshInterval how often to read it again; zero for only on demand
     * @return the list
     * @throws IllegalStateException if the application has no discovery
     */
    public PeerList peers(String client, String serviceId, Duration refreshInterval) {
        BjsonRpcServiceDiscovery source = discovery.get();
        if (source == null) {
            throw new IllegalStateException("bjsonrpc.clients." + client + ".service-id is '" + serviceId
                + "', but the application has no service discovery: add Spring Cloud with a discovery client (such "
                + "as spring-cloud-starter-kubernetes-client, -consul-discovery or -netflix-eureka-client, or "
                + "spring-cloud-commons' simple discovery), or define a BjsonRpcServiceDiscovery bean");
        }
        PeerList list = PeerList.from(new Instances(source, serviceId));
        lists.put(client, list);
        if (!refreshInterval.isZero() && !refreshInterval.isNegative()) {
            refresher().scheduleWithFixedDelay(list::refresh, refreshInterval.toMillis(), refreshInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        }
        return list;
    }

    /** The lists, by client name. */
    public Map<String, PeerList> lists() {
        return Map.copyOf(lists);
    }

    /** Reads every list again, now, on the calling thread. */
    public void refreshAll() {
        lists.values().forEach(PeerList::refresh);
    }

    /** Reads every list again soon, on the refreshing thread: for callers that must not wait. */
    public void refreshAllSoon() {
        if (!lists.isEmpty()) {
            refresher().execute(this::refreshAll);
        }
    }

    private synchronized ScheduledExecutorService refresher() {
        ScheduledExecutorService running = refresher;
        if (running == null) {
            running = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, THREAD);
                thread.setDaemon(true);
                return thread;
            });
            refresher = running;
        }
        return running;
    }

    @Override
    public void destroy() {
        ScheduledExecutorService running = refresher;
        if (running != null) {
            running.shutdownNow();
        }
    }

    /** A service's instances, as a list source; named for the logs. */
    private record Instances(BjsonRpcServiceDiscovery discovery, String serviceId)
            implements Supplier<List<PeerAddress>> {

        @Override
        public List<PeerAddress> get() {
            return discovery.instances(serviceId);
        }

        @Override
        public String toString() {
            return "service '" + serviceId + "'";
        }
    }
}

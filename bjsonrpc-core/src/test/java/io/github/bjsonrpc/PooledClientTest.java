package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

/**
 * A client over several instances, on real sockets: calls spread over the connected instances, a lost instance is
 * dropped at once and its in-flight calls fail, a returning one is used again, the list changes while the client
 * runs, an instance shutting down is left, sessions stay with their instance, and every instance can call the
 * client back.
 */
class PooledClientTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** One server instance: its name, and what its connections did. */
    static final class Instance {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch slowStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean slowWaits;
        BjsonRpcServer server;

        Instance(String name) {
            this.name = name;
        }
    }

    /** The handler of each connection an instance accepts. */
    public static class Service {
        private final Instance instance;
        private final Connection connection;
        private int count;

        Service(Instance instance, Connection connection) {
            this.instance = instance;
            this.connection = connection;
        }

        public String whoami() {
            instance.calls.incrementAndGet();
            return instance.name;
        }

        public int count() {
            return ++count;
        }

        public String slow() throws InterruptedException {
            if (!instance.slowWaits) {
                return instance.name;
            }
            instance.slowStarted.countDown();
            return instance.release.await(30, TimeUnit.SECONDS) ? instance.name : "never released";
        }

        public String askBack() {
            return instance.name + " called " + connection.call("clientName");
        }
    }

    /** Published by the client on each of its connections. */
    public static class ClientName {
        public String clientName() {
            return "pooled";
        }
    }

    /** A typed view with one method marked idempotent. */
    public interface Api {
        @Idempotent
        String slow();

        String whoami();
    }

    private Instance start(String name, int port) {
        Instance instance = new Instance(name);
        instance.server = cleanup.track(BjsonRpc.createServer("127.0.0.1", port, c -> new Service(instance, c)));
        return instance;
    }

    /** Starts an instance again on its former port; another process may hold the port for a while. */
    private Instance restart(Instance stopped) {
        int port = stopped.server.port();
        return await().atMost(Duration.ofSeconds(30)).ignoreException(BjsonRpcException.class)
            .until(() -> start(stopped.name, port), Objects::nonNull);
    }

    private static PeerAddress address(Instance instance) {
        return new PeerAddress("127.0.0.1", instance.server.port());
    }

    private BjsonRpcClient client(PeerList peers, Balancing balancing) {
        return cleanup.track(BjsonRpcClient.builder(peers).name("calc").balancing(balancing)
            .handlerFactory(c -> new ClientName())
            .reconnect(new Reconnect(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0)).build());
    }

    private static PeerList listOf(Instance... instances) {
        List<PeerAddress> addresses = new ArrayList<>();
        for (Instance instance : instances) {
            addresses.add(address(instance));
        }
        return PeerList.of(addresses);
    }

    private static void awaitConnected(BjsonRpcClient client, int instances) {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.instances().stream()
            .filter(i -> i.state() == BjsonRpcClient.State.CONNECTED).count() == instances);
    }

    private static Map<Object, Integer> whoAnswers(BjsonRpcClient client, int calls) {
        Map<Object, Integer> answered = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            answered.merge(client.call("whoami"), 1, Integer::sum);
        }
        return answered;
    }

    @Test
    void callsGoToEachConnectedInstanceInTurn() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        Instance c = start("c", 0);
        BjsonRpcClient client = client(listOf(a, b, c), Balancing.ROUND_ROBIN);

        client.connect();
        awaitConnected(client, 3);

        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);
        assertThat(whoAnswers(client, 30)).isEqualTo(Map.of("a", 10, "b", 10, "c", 10));
        assertThat(client.instances()).extracting(PeerState::address).containsExactly(address(a), address(b),
            address(c));
        assertThat(client.instances()).allSatisfy(i -> assertThat(i.connections()).isEqualTo(1));
    }

    @Test
    void aLostInstanceIsDroppedAtOnceItsCallsInFlightFailAndItIsUsedAgainWhenItReturns() throws Exception {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        a.slowWaits = true;
        BjsonRpcClient client = client(listOf(a, b), Balancing.ROUND_ROBIN);
        client.connect();
        awaitConnected(client, 2);
        Api api = client.as(Api.class);

        // two calls in turn: one of them is in flight on a
        List<Request<Object>> sent = List.of(client.method("slow"), client.method("slow"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().filter(Request::isDone).count() == 1);
        Request<Object> onA = sent.stream().filter(r -> !r.isDone()).findFirst().orElseThrow();
        // calls of the typed view's 'slow', marked idempotent, until one is in flight on a too, queued behind
        Connection atA = a.server.connections().get(0);
        CompletableFuture<String> idempotentOnA;
        do {
            CompletableFuture<String> call = CompletableFuture.supplyAsync(api::slow);
            await().atMost(Duration.ofSeconds(10)).until(() -> call.isDone() || atA.stats().queuedRequests() == 1);
            idempotentOnA = call;
        } while (atA.stats().queuedRequests() == 0);

        a.server.close();

        // the call in flight there fails clearly, and is not sent again
        assertThatThrownBy(onA::value).isInstanceOf(ConnectionClosedException.class);
        // the idempotent one is sent again, to b
        assertThat(idempotentOnA.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.instances().get(0).state()
            == BjsonRpcClient.State.DISCONNECTED);
        assertThat(whoAnswers(client, 10)).isEqualTo(Map.of("b", 10));
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.CONNECTED);

        Instance back = restart(a);
        awaitConnected(client, 2);
        assertThat(whoAnswers(client, 10)).isEqualTo(Map.of("a", 5, "b", 5));
        assertThat(back.calls.get()).isEqualTo(5);
    }

    @Test
    void theListChangesWhileTheClientRuns() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        Instance c = start("c", 0);
        PeerList peers = listOf(a, b);
        BjsonRpcClient client = client(peers, Balancing.ROUND_ROBIN);
        client.connect();
        awaitConnected(client, 2);
        Connection toA = a.server.connections().get(0);

        assertThat(peers.update(List.of(address(b), address(c)))).isTrue();

        // a is dropped at once, c is connected
        await().atMost(Duration.ofSeconds(5)).until(() -> !toA.isOpen());
        awaitConnected(client, 2);
        assertThat(client.instances()).extracting(PeerState::address).containsExactly(address(b), address(c));
        assertThat(whoAnswers(client, 10)).isEqualTo(Map.of("b", 5, "c", 5));
        assertThat(peers.update(List.of(address(b), address(c)))).as("no change").isFalse();
    }

    @Test
    void aListReadFromASourceFollowsItAtEachRefresh() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        AtomicReference<List<PeerAddress>> discovered = new AtomicReference<>(List.of(address(a)));
        PeerList peers = PeerList.from(discovered::get);
        BjsonRpcClient client = client(peers, Balancing.ROUND_ROBIN);
        assertThat(whoAnswers(client, 2)).isEqualTo(Map.of("a", 2));

        discovered.set(List.of(address(b)));
        assertThat(peers.refresh()).isTrue();
        awaitConnected(client, 1);
        assertThat(whoAnswers(client, 2)).isEqualTo(Map.of("b", 2));

        // a source that fails leaves the list as it was
        discovered.set(null);
        PeerList failing = PeerList.from(() -> {
            throw new IllegalStateException("registry down");
        });
        assertThat(failing.addresses()).isEmpty();
        assertThat(peers.refresh()).isTrue();
        assertThat(peers.addresses()).isEmpty();
    }

    @Test
    void leastInFlightLeavesAnInstanceBusyWithALongCall() throws Exception {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        Instance c = start("c", 0);
        a.slowWaits = true;
        BjsonRpcClient client = client(listOf(a, b, c), Balancing.LEAST_IN_FLIGHT);
        client.connect();
        awaitConnected(client, 3);
        // calls in turn until one is in flight on a
        List<Request<Object>> slow = new ArrayList<>();
        while (a.slowStarted.getCount() > 0) {
            Request<Object> request = client.method("slow");
            await().atMost(Duration.ofSeconds(10)).until(() -> request.isDone() || a.slowStarted.getCount() == 0);
            if (!request.isDone()) {
                slow.add(request);
            }
        }
        assertThat(slow).hasSize(1);

        Map<Object, Integer> answered = whoAnswers(client, 20);
        assertThat(answered).containsOnlyKeys("b", "c");
        assertThat(answered.values()).allSatisfy(n -> assertThat(n).isEqualTo(10));

        a.release.countDown();
        assertThat(slow.get(0).value()).isEqualTo("a");
    }

    @Test
    void anInstanceShuttingDownIsLeftAndTheCallsItRefusesGoToTheOthers() throws Exception {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        a.slowWaits = true;
        BjsonRpcClient client = client(listOf(a, b), Balancing.ROUND_ROBIN);
        client.connect();
        awaitConnected(client, 2);
        Request<Object> inFlight = client.method("slow");
        if (a.slowStarted.getCount() > 0) {
            // that one went to b; the next goes to a
            assertThat(inFlight.value()).isEqualTo("b");
            inFlight = client.method("slow");
        }
        assertThat(a.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(
            () -> a.server.shutdownGracefully(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.server.isRunning());

        // a answers "shutting down" to what comes now: those calls go to b, and every one is answered
        assertThat(whoAnswers(client, 20).keySet()).isSubsetOf("a", "b");
        assertThat(client.instances().get(0).connections()).as("a is left").isZero();
        assertThat(whoAnswers(client, 10)).isEqualTo(Map.of("b", 10));

        a.release.countDown();
        assertThat(inFlight.value()).isEqualTo("a");
        assertThat(stopping.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSessionKeepsItsInstanceAndSaysWhenItIsGone() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        BjsonRpcClient client = client(listOf(a, b), Balancing.ROUND_ROBIN);

        ClientSession session = cleanup.track(client.session());
        Instance mine = session.address().equals(address(a)) ? a : b;
        assertThat(session.call("count")).isEqualTo(1);
        assertThat(session.call("count")).isEqualTo(2);
        assertThat(session.as(Api.class).whoami()).isEqualTo(mine.name);
        // its own connection: the pooled calls have other handlers on that instance
        assertThat(client.call("count")).isEqualTo(1);
        assertThat(session.call("count")).isEqualTo(3);

        mine.server.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !session.isOpen());
        assertThatThrownBy(() -> session.call("count")).isInstanceOf(ConnectionClosedException.class)
            .hasMessageContaining("session of client 'calc' with " + session.address() + " has ended");
        // the client goes on with the other instance
        assertThat(client.call("whoami")).isNotEqualTo(mine.name);
    }

    @Test
    void everyInstanceCanCallTheClientBack() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        Instance c = start("c", 0);
        BjsonRpcClient client = client(listOf(a, b, c), Balancing.ROUND_ROBIN);
        client.connect();
        awaitConnected(client, 3);

        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(client.call("askBack"));
        }
        assertThat(answers).containsExactlyInAnyOrder("a called pooled", "b called pooled", "c called pooled");
    }

    @Test
    void severalConnectionsPerInstance() {
        Instance a = start("a", 0);
        Instance b = start("b", 0);
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder(listOf(a, b)).name("calc")
            .connectionsPerPeer(3).build());
        client.connect();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.instances().stream()
            .allMatch(i -> i.connections() == 3));

        assertThat(a.server.connections()).hasSize(3);
        assertThat(b.server.connections()).hasSize(3);
        assertThat(whoAnswers(client, 12)).isEqualTo(Map.of("a", 6, "b", 6));
    }

    @Test
    void nothingHangsWhenNoInstanceIsThere() {
        Instance a = start("a", 0);
        PeerList peers = listOf(a);
        a.server.close();
        BjsonRpcClient client = cleanup.track(BjsonRpcClient.builder(peers).name("calc")
            .options(ConnectionOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());

        assertThatThrownBy(() -> client.call("whoami")).isInstanceOf(ConnectionClosedException.class)
            .hasMessageContaining("Client 'calc' has no live connection");
        assertThat(client.lastError()).isNotNull();

        peers.update(List.of());
        assertThatThrownBy(() -> client.call("whoami")).isInstanceOf(ConnectionClosedException.class)
            .hasMessageContaining("its list is empty");
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.DISCONNECTED);

        client.close();
        assertThat(client.state()).isEqualTo(BjsonRpcClient.State.CLOSED);
        assertThatThrownBy(client::connect).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addressesAreReadAsHostAndPort() {
        assertThat(PeerAddress.parse(" calc-1.example:10123 ")).isEqualTo(new PeerAddress("calc-1.example", 10123));
        assertThat(PeerAddress.parse("[::1]:10123")).isEqualTo(new PeerAddress("::1", 10123));
        assertThat(new PeerAddress("::1", 10123)).hasToString("[::1]:10123");
        assertThat(PeerList.of("a:1", "b:2", "a:1").addresses()).extracting(PeerAddress::toString)
            .containsExactly("a:1", "b:2");
        assertThatThrownBy(() -> PeerAddress.parse("calc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerAddress.parse("calc:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerAddress.parse("::1:10123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BjsonRpcClient.builder("h", 1).connectionsPerPeer(2))
            .isInstanceOf(IllegalStateException.class);
    }
}

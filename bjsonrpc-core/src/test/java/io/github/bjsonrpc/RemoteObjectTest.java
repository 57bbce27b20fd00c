package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;

import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;

/** Exported objects live, die and are cleaned up per connection; references resolve only where asked for. */
class RemoteObjectTest {

    /** An exported object that records its clean-ups. */
    @Exported
    public static class Resource implements AutoCloseable {
        private final List<Resource> closed;
        private final AtomicInteger uses = new AtomicInteger();

        Resource(List<Resource> closed) {
            this.closed = closed;
        }

        public int use() {
            return uses.incrementAndGet();
        }

        @Override
        public void close() {
            closed.add(this);
        }
    }

    /** A server handler that hands out resources and uses objects its client exports. */
    public static class Service extends ServerHandler {
        private final List<Resource> closed;

        Service(List<Resource> closed) {
            this.closed = closed;
        }

        public Resource open() {
            return new Resource(closed);
        }

        public Object useClientCounter(Connection connection) {
            RemoteObject counter = connection.call(RemoteObject.class, "newCounter");
            counter.call("increment");
            counter.call("increment");
            return counter.name() + "=" + counter.call("value");
        }
    }

    /** Exported by a client. */
    @Exported
    public static class Counter {
        private int value;

        public void increment() {
            value++;
        }

        public int value() {
            return value;
        }
    }

    /** A client handler that exports counters. */
    public static class CounterFactory {
        public Counter newCounter() {
            return new Counter();
        }
    }

    /** A typed view of {@link Resource}. */
    public interface ResourceApi {
        int use();
    }

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    /** The resources of this test's server that were cleaned up. */
    private final List<Resource> closed = new CopyOnWriteArrayList<>();

    private BjsonRpcServer server(ConnectionOptions options) {
        return cleanup.track(BjsonRpc.createServer("127.0.0.1", 0, c -> new Service(closed), options));
    }

    @Test
    void deletingAnObjectRunsItsCleanUpOnceAndForgetsIt() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        RemoteObject resource = client.call(RemoteObject.class, "open");
        assertThat(resource.call("use")).isEqualTo(1);
        assertThat(resource.as(ResourceApi.class).use()).isEqualTo(2);

        assertThat(closed).isEmpty();
        resource.close();
        resource.close();
        assertThat(closed).hasSize(1);
        assertThatThrownBy(() -> resource.call("use")).isInstanceOf(RemoteError.class)
            .hasMessage("Unknown object '" + resource.name() + "'");
        // deleting again, or an unknown name, is answered with a null result
        assertThat(client.call(resource.name() + ".__delete__")).isNull();
        assertThat(client.call("nosuch_0042.__delete__")).isNull();
    }

    @Test
    void objectsAreCleanedUpWhenTheirConnectionCloses() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        client.call("open");
        client.call("open");
        assertThat(closed).isEmpty();

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> closed.size() == 2);
    }

    @Test
    void theNumberOfLiveObjectsIsLimited() {
        BjsonRpcServer server = server(ConnectionOptions.defaults().withMaxRemoteObjects(2));
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE));
        RemoteObject first = client.call(RemoteObject.class, "open");
        client.call(RemoteObject.class, "open");

        assertThatThrownBy(() -> client.call("open")).isInstanceOf(RemoteError.class)
            .hasMessageContaining("already holds 2 remote objects").hasMessageContaining("maxRemoteObjects");

        first.close();
        assertThat(client.call(RemoteObject.class, "open").name()).endsWith("_0003");
    }

    @Test
    void unknownReferencesGetAnErrorReply() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.send("{\"method\":\"listsum\",\"id\":1,\"params\":[{\"__objectreference__\":\"mylist_0009\"}]}");
            assertThat(peer.readLine())
                .isEqualTo("{\"result\":null,\"error\":\"Unknown object 'mylist_0009'\",\"id\":1}");
            peer.send("{\"method\":\"applyfn\",\"id\":2,\"params\":[{\"__functionreference__\":\"nope\"},[]]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"Unknown method 'nope'\",\"id\":2}");
            peer.send("{\"method\":\"listsum\",\"id\":3,\"params\":[[1,2]]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":null,\"error\":\"TypeError: Service.listsum() "
                + "argument 'lst' must be an object reference\",\"id\":3}");
        }
    }

    @Test
    void reservedKeysInPlainDataStayPlainData() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        try (RawPeer peer = RawPeer.connect(server.port())) {
            String data = "{\"__objectreference__\":\"mylist_0001\"}";
            peer.send("{\"method\":\"echo\",\"id\":1,\"params\":[" + data + "]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":" + data + ",\"error\":null,\"id\":1}");
            String remote = "{\"__remoteobject__\":\"x\",\"__functionreference__\":\"ping\"}";
            peer.send("{\"method\":\"echo\",\"id\":2,\"params\":[" + remote + "]}");
            assertThat(peer.readLine()).isEqualTo("{\"result\":" + remote + ",\"error\":null,\"id\":2}");
        }
    }

    @Test
    void theServerCanCallObjectsItsClientExports() {
        BjsonRpcServer server = server(ConnectionOptions.defaults());
        Connection client = cleanup.track(BjsonRpc.connect("127.0.0.1", server.port(), c -> new CounterFactory()));

        // the client's counter numbers its request (1) and then the object (2)
        assertThat(client.call("useClientCounter")).isEqualTo("counter_0002=2");
    }
}

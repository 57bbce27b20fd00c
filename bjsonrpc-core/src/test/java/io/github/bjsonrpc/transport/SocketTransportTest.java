package io.github.bjsonrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.BjsonRpcServer;
import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The event loops drive epoll sockets where Netty's native transport loads (this module's tests have it on the class
 * path), NIO otherwise or when {@code bjsonrpc.transport=nio} says so.
 */
class SocketTransportTest {

    /** Answers pings. */
    public static class Ping {
        public String ping() {
            return "pong";
        }
    }

    @Test
    void nioIsForcedByItsName() {
        SocketTransport nio = SocketTransport.choose(" NIO ");
        assertThat(nio.name()).isEqualTo("nio");
        assertThat(nio.socketChannel()).isEqualTo(NioSocketChannel.class);
        assertThat(nio.serverChannel()).isEqualTo(NioServerSocketChannel.class);
    }

    @Test
    void autoTakesEpollWhereItLoads() {
        assertThat(SocketTransport.choose("auto").name()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
        if (Epoll.isAvailable()) {
            assertThat(SocketTransport.choose("epoll").socketChannel()).isEqualTo(EpollSocketChannel.class);
        } else {
            assertThatThrownBy(() -> SocketTransport.choose("epoll")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bjsonrpc.transport=epoll");
        }
        assertThatThrownBy(() -> SocketTransport.choose("kqueue")).isInstanceOf(IllegalStateException.class)
            .hasMessage("bjsonrpc.transport must be auto, epoll or nio, was 'kqueue'");
    }

    @Test
    void connectionsRunOnTheChosenSockets() throws Exception {
        String expected = SocketTransport.choose(System.getProperty(SocketTransport.PROPERTY, "auto")).name();
        assertThat(EventLoops.transport().name()).isEqualTo(expected);
        try (BjsonRpcServer server = BjsonRpc.createServer("127.0.0.1", 0, c -> new Ping());
                Connection client = BjsonRpc.connect("127.0.0.1", server.port(), HandlerFactory.NONE)) {
            assertThat(client.call("ping")).isEqualTo("pong");
            assertThat(((NettyConnection) client).channel().getClass()).isEqualTo(EventLoops.transport().socketChannel());
        }
    }
}

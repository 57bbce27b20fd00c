package io.github.bjsonrpc.benchmarks;

import java.util.Locale;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The sockets of the benchmarks' own Netty code (the floor server, the minimal client), chosen as the library
 * chooses its own: epoll where Netty's native transport loads, NIO otherwise or with
 * {@code -Dbjsonrpc.transport=nio}; so that the floor and our servers are compared on the same sockets.
 */
final class BenchSockets {

    /** Whether epoll sockets are used. */
    static final boolean EPOLL = !"nio".equals(System.getProperty("bjsonrpc.transport", "auto").trim()
        .toLowerCase(Locale.ROOT)) && Epoll.isAvailable();

    private BenchSockets() {
    }

    static IoHandlerFactory ioHandlers() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends SocketChannel> socket() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerChannel> server() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}

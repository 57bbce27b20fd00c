package io.github.bjsonrpc.transport;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The sockets the shared event loops drive: Linux's epoll through Netty's native transport
 * ({@code netty-transport-native-epoll}, classifier {@code linux-x86_64}) where it is on the class path and loads,
 * Java's NIO otherwise. The system property {@value #PROPERTY} chooses: {@code nio} forces NIO, {@code epoll}
 * insists on epoll (failing if it cannot load), {@code auto} (the default) takes epoll when it can.
 *
 * @param name {@code epoll} or {@code nio}
 * @param ioHandlers what the event loops run
 * @param socketChannel the class of a connection's channel
 * @param serverChannel the class of a listener's channel
 */
record SocketTransport(String name, IoHandlerFactory ioHandlers, Class<? extends SocketChannel> socketChannel,
        Class<? extends ServerChannel> serverChannel) {

    /** The system property that chooses the transport: {@code auto}, {@code epoll} or {@code nio}. */
    static final String PROPERTY = "bjsonrpc.transport";

    private static final Logger log = LoggerFactory.getLogger(SocketTransport.class);

    /** Java's NIO, everywhere. */
    static SocketTransport nio() {
        return new SocketTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
            NioServerSocketChannel.class);
    }

    /** The transport of this JVM, as {@value #PROPERTY} chooses. */
    static SocketTransport chosen() {
        SocketTransport transport = choose(System.getProperty(PROPERTY, "auto"));
        log.debug("bjsonrpc connections use {} sockets", transport.name());
        return transport;
    }

    /**
     * @param choice {@code auto}, {@code epoll} or {@code nio}
     * @return the transport chosen
     * @throws IllegalStateException for {@code epoll} where it cannot load, or an unknown choice
     */
    static SocketTransport choose(String choice) {
        switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "nio" -> {
                return nio();
            }
            case "auto" -> {
                return NativeEpoll.availability() == null ? NativeEpoll.transport() : nio();
            }
            case "epoll" -> {
                Throwable unavailable = NativeEpoll.availability();
                if (unavailable != null) {
                    throw new IllegalStateException(PROPERTY + "=epoll, but Netty's epoll transport cannot load "
                        + "(netty-transport-native-epoll with the classifier of this platform on the class path?): "
                        + unavailable, unavailable);
                }
                return NativeEpoll.transport();
            }
            default -> throw new IllegalStateException(PROPERTY + " must be auto, epoll or nio, was '" + choice + "'");
        }
    }

    /** Netty's epoll classes, touched only once they are known to be on the class path. */
    private static final class NativeEpoll {

        private static final String EPOLL = "io.netty.channel.epoll.Epoll";

        /** Why epoll cannot be used here, or {@code null} if it can. */
        static Throwable availability() {
            try {
                Class.forName(EPOLL, false, SocketTransport.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return e;
            }
            return Loaded.unavailability();
        }

        static SocketTransport transport() {
            return Loaded.transport();
        }

        /** Loaded only with the epoll classes present. */
        private static final class Loaded {
            static Throwable unavailability() {
                return io.netty.channel.epoll.Epoll.unavailabilityCause();
            }

            static SocketTransport transport() {
                return new SocketTransport("epoll", io.netty.channel.epoll.EpollIoHandler.newFactory(),
                    io.netty.channel.epoll.EpollSocketChannel.class, io.netty.channel.epoll.EpollServerSocketChannel.class);
            }
        }
    }
}

package io.github.bjsonrpc.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The I/O threads shared by every server and client of the JVM: Netty's default count, daemon threads, driving the
 * sockets of the {@link SocketTransport} chosen when they are made.
 */
final class EventLoops {

    private EventLoops() {
    }

    private static final class Holder {
        static final SocketTransport TRANSPORT = SocketTransport.chosen();
        static final EventLoopGroup SHARED = new MultiThreadIoEventLoopGroup(0,
            new DefaultThreadFactory("bjsonrpc-io", true), TRANSPORT.ioHandlers());
    }

    /** The shared group, created on first use. */
    static EventLoopGroup shared() {
        return Holder.SHARED;
    }

    /** The sockets the shared group drives. */
    static SocketTransport transport() {
        return Holder.TRANSPORT;
    }

    /** Whether the calling thread is one of the shared I/O threads, which must never wait. */
    static boolean inAnyLoop() {
        for (EventExecutor loop : Holder.SHARED) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}

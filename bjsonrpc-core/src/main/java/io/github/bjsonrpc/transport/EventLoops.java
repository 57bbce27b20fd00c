package io.github.bjsonrpc.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/** The I/O threads shared by every server and client of the JVM: Netty's default count, daemon threads. */
final class EventLoops {

    private EventLoops() {
    }

    private static final class Holder {
        static final EventLoopGroup SHARED = new MultiThreadIoEventLoopGroup(0,
            new DefaultThreadFactory("bjsonrpc-io", true), NioIoHandler.newFactory());
    }

    /** The shared group, created on first use. */
    static EventLoopGroup shared() {
        return Holder.SHARED;
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

package io.github.bjsonrpc.wire;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Where the wire's parsers and generators take their buffers: each platform thread keeps one {@link BufferRecycler}
 * of its own, as the event loops and handler threads that read and write every line are (Netty's threads, those
 * of the event loops and of the shared handler pool, in an indexed {@link FastThreadLocal}); a virtual thread,
 * which would keep one for a single task, takes one from Jackson's shared pool and gives it back. Jackson's default,
 * the shared pool for every thread, cost the server about a tenth of its CPU per pipelined call in two contended
 * deque operations per parser and generator.
 */
final class WireRecyclers implements RecyclerPool<BufferRecycler> {

    /** The only instance. */
    static final WireRecyclers POOL = new WireRecyclers();

    private static final long serialVersionUID = 1L;

    private static final ThreadLocal<BufferRecycler> OWN = ThreadLocal.withInitial(BufferRecycler::new);

    private static final FastThreadLocal<BufferRecycler> NETTY_OWN = new FastThreadLocal<>() {
        @Override
        protected BufferRecycler initialValue() {
            return new BufferRecycler();
        }
    };

    /** {@code Thread.isVirtual()} on Java 21 and later; {@code null} before, where every thread is a platform one. */
    private static final MethodHandle IS_VIRTUAL = isVirtual();

    private final transient RecyclerPool<BufferRecycler> shared = JsonRecyclerPools.defaultPool();

    private WireRecyclers() {
    }

    @Override
    public BufferRecycler acquireAndLinkPooled() {
        // a thread's own recycler is never linked: giving it back is nothing to do
        BufferRecycler own = own();
        return own != null ? own : shared.acquireAndLinkPooled();
    }

    @Override
    public BufferRecycler acquirePooled() {
        BufferRecycler own = own();
        return own != null ? own : shared.acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        // recyclers from the shared pool are linked to it and go back there themselves
    }

    /** The calling thread's own recycler, or {@code null} on a virtual thread. */
    private static BufferRecycler own() {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            return NETTY_OWN.get();
        }
        return isVirtualThread() ? null : OWN.get();
    }

    /** Whether the calling thread is a virtual one. */
    static boolean isVirtualThread() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }

    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private Object readResolve() {
        return POOL;
    }
}

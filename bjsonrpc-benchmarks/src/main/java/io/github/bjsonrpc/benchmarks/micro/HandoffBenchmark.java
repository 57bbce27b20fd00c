package io.github.bjsonrpc.benchmarks.micro;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import io.github.bjsonrpc.dispatch.HandlerPool;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The hop of a request that does not run inline, piece by piece, without sockets: handing work to the shared handler
 * pool and seeing it run ({@code toPool}: the submit path and a pool thread's wake-up), handing work to an idle event
 * loop ({@code toLoop}: the reply's wake-up of the I/O thread), and both in a row ({@code toPoolAndBack}: the whole
 * hop of a synchronous call that is not inline). The {@code contended} variants run four callers at once, as four
 * event loops hand work to the one pool. Each operation waits until its work has run, yielding its core meanwhile
 * rather than sleeping, so that its own wake-up is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandoffBenchmark {

    /** One event loop for every caller, idle between operations as a quiet server's is. */
    @State(Scope.Benchmark)
    public static class Loop {
        EventLoopGroup group;
        EventLoop loop;

        @Setup(Level.Trial)
        public void start() {
            group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            loop = group.next();
        }

        @TearDown(Level.Trial)
        public void stop() {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final ExecutorService pool = HandlerPool.shared();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Runnable finish = () -> done.set(true);
    private EventLoop loop;
    private Runnable backToLoop;

    @Setup(Level.Trial)
    public void setUp(Loop shared) {
        loop = shared.loop;
        backToLoop = () -> loop.execute(finish);
    }

    private void await() {
        while (!done.get()) {
            // on two cores, the pool and loop threads need the other core (and this one, with four callers)
            Thread.yield();
        }
        done.set(false);
    }

    @Benchmark
    public void toPool() {
        pool.execute(finish);
        await();
    }

    @Benchmark
    public void toLoop() {
        loop.execute(finish);
        await();
    }

    @Benchmark
    public void toPoolAndBack() {
        pool.execute(backToLoop);
        await();
    }

    @Benchmark
    @Threads(4)
    public void toPoolContended() {
        pool.execute(finish);
        await();
    }

    @Benchmark
    @Threads(4)
    public void toPoolAndBackContended() {
        pool.execute(backToLoop);
        await();
    }
}

package io.github.bjsonrpc.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.FunctionHandle;
import io.github.bjsonrpc.OptionalParam;
import io.github.bjsonrpc.ServerError;

/**
 * The handler table of {@code bjsonrpc-core/src/test/resources/wire/README.md} ("The server's handler"), with the
 * same names and parameter names, so that the recorded conversations replay against it unchanged.
 */
public class ServerHandler {

    /** Python's ValueError, so that errors read as the reference's. */
    public static final class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueError(String message) {
            super(message);
        }
    }

    /** Python's KeyError: its text is the key in quotes. */
    public static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyError(String key) {
            super("'" + key + "'");
        }
    }

    /** An expected error, answered with its message alone. */
    public static final class RequestFailed extends ServerError {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message) {
            super(message);
        }
    }

    public String ping() {
        return "pong";
    }

    public Number add2(Number a, Number b) {
        return sum(List.of(a, b));
    }

    public Number addN(Number... args) {
        return sum(Arrays.asList(args));
    }

    public Number addnlist(List<List<Number>> nlist) {
        List<Number> all = new ArrayList<>();
        nlist.forEach(all::addAll);
        return sum(all);
    }

    public List<Object> getabc(@OptionalParam Object a, @OptionalParam Object b, @OptionalParam Object c) {
        return Arrays.asList(a, b, c);
    }

    public Stream<Object> pipe(List<Object> arr) {
        return arr.stream();
    }

    public Iterator<Integer> pipefail(int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == count) {
                    throw new ValueError("pipe broke after " + count + " items");
                }
                return true;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    public Object echo(Object x) {
        return x;
    }

    public void fail(String reason) {
        throw new RequestFailed(reason);
    }

    public void crash(String what) {
        throw new ValueError("cannot handle " + what);
    }

    public void lookup(String key) {
        throw new KeyError(key);
    }

    public Object unserializable() {
        return new Object();
    }

    public MyList newList() {
        return new MyList();
    }

    public Chronometer newChronometer() {
        return new Chronometer();
    }

    public Number listsum(MyList lst) {
        return lst.sum();
    }

    public MyList sameobject(MyList obj) {
        return obj;
    }

    public Object applyfn(FunctionHandle fn, List<Object> args) {
        return fn.invoke(args.toArray());
    }

    public String askClient(Object x, Connection connection) {
        Object name = connection.call("clientName");
        Object sum = connection.call("clientAdd", x, 10);
        return name + ":" + sum;
    }

    public Object askClientMissing(Connection connection) {
        return connection.call("noSuchClientMethod");
    }

    public String notifyMe(String text, Connection connection) {
        connection.notify("clientNote", text);
        return "sent";
    }

    /** How many elements {@link #flood} has produced, over all connections. */
    public static final java.util.concurrent.atomic.AtomicLong FLOODED = new java.util.concurrent.atomic.AtomicLong();

    /** A pipe of {@code count} strings of {@code size} characters, counting what it produced. */
    public Stream<String> flood(int count, int size) {
        String element = "x".repeat(size);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            FLOODED.incrementAndGet();
            return element;
        });
    }

    /** The TLS identity of the peer, or {@code "anonymous"}. */
    public String whoAmI(Connection connection) {
        return connection.principal().map(java.security.Principal::getName).orElse("anonymous");
    }

    /** Stands for slow work: it keeps its thread busy, as the reference's handler does. */
    public String sleepy(double seconds, String tag) {
        long deadline = System.nanoTime() + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return tag;
    }

    /** Python's sum: exact for integers of any size, floating point as soon as one operand is. */
    static Number sum(List<Number> numbers) {
        boolean floating = numbers.stream().anyMatch(n -> n instanceof Double || n instanceof Float
            || n instanceof BigDecimal);
        if (floating) {
            double total = 0;
            for (Number n : numbers) {
                total += n.doubleValue();
            }
            return total;
        }
        BigInteger total = BigInteger.ZERO;
        for (Number n : numbers) {
            total = total.add(n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue()));
        }
        return total.bitLength() < 32 ? (Number) total.intValue()
            : total.bitLength() < 64 ? (Number) total.longValue() : total;
    }
}

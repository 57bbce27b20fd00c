package io.github.bjsonrpc.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.bjsonrpc.OptionalParam;
import io.github.bjsonrpc.boot.BjsonRpcService;

/** Calls with positional, keyword and variable arguments, as the reference test server publishes them. */
@BjsonRpcService
public class BasicsService {

    /** Returns {@code "pong"}. */
    public String ping() {
        return "pong";
    }

    /** Returns {@code a + b}. */
    public Number add2(Number a, Number b) {
        return Numbers.sum(List.of(a, b));
    }

    /** Returns the sum of its arguments, like Python's {@code addN(*args)}. */
    public Number addN(Number... args) {
        return Numbers.sum(Arrays.asList(args));
    }

    /** Returns the sum of a list of lists. */
    public Number addnlist(List<List<Number>> nlist) {
        List<Number> all = new ArrayList<>();
        nlist.forEach(all::addAll);
        return Numbers.sum(all);
    }

    /** Returns {@code [a, b, c]}; each may be left out (null), or given by keyword. */
    public List<Object> getabc(@OptionalParam Object a, @OptionalParam Object b, @OptionalParam Object c) {
        return Arrays.asList(a, b, c);
    }

    /** Returns its argument. */
    public Object echo(Object x) {
        return x;
    }

    /** Works for {@code seconds}, then returns {@code tag}: shows per-connection ordering. */
    public String sleepy(double seconds, String tag) throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep((long) (seconds * 1_000_000));
        return tag;
    }
}

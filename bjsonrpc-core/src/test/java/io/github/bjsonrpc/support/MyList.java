package io.github.bjsonrpc.support;

import java.util.ArrayList;
import java.util.List;

import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.OptionalParam;

/** The reference test server's list object, exported by reference. */
@Exported
public class MyList implements AutoCloseable {

    private final List<Number> items = new ArrayList<>();
    private int closed;

    public void add(Number item) {
        items.add(item);
    }

    public void addlist(List<Number> more) {
        items.addAll(more);
    }

    /** Python's {@code items[start:end]}. */
    public List<Number> items(@OptionalParam Integer start, @OptionalParam Integer end) {
        int size = items.size();
        int from = start == null ? 0 : Math.max(0, start < 0 ? size + start : Math.min(start, size));
        int to = end == null ? size : Math.max(0, end < 0 ? size + end : Math.min(end, size));
        return from >= to ? List.of() : new ArrayList<>(items.subList(from, to));
    }

    public Number sum() {
        return ServerHandler.sum(items);
    }

    @Override
    public void close() {
        closed++;
    }

    /** How many times the clean-up hook ran; not published (it is static). */
    public static int timesClosed(MyList list) {
        return list.closed;
    }
}

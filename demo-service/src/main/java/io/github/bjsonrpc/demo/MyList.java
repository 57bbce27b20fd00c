package io.github.bjsonrpc.demo;

import java.util.ArrayList;
import java.util.List;

import io.github.bjsonrpc.Exported;
import io.github.bjsonrpc.OptionalParam;

/** A list living on the server, handed to the peer as a remote object ({@code mylist_0001}). */
@Exported
public class MyList {

    private final List<Number> items = new ArrayList<>();

    /** Appends one item. */
    public void add(Number item) {
        items.add(item);
    }

    /** Appends several items. */
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

    /** The sum of the items. */
    public Number sum() {
        return Numbers.sum(items);
    }
}

package io.github.bjsonrpc.demo;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import io.github.bjsonrpc.boot.BjsonRpcService;

/** Many replies to one request. */
@BjsonRpcService
public class PipesService {

    /** One reply per element of {@code arr}. */
    public Stream<Object> pipe(List<Object> arr) {
        return arr.stream();
    }

    /** Replies {@code 0 .. count-1}, then an error. */
    public Iterator<Integer> pipefail(int count) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                if (next == count) {
                    throw new ErrorsService.ValueError("pipe broke after " + count + " items");
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
}

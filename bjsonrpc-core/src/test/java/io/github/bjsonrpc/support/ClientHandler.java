package io.github.bjsonrpc.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client-side handler of {@code bjsonrpc-core/src/test/resources/wire/README.md}: what a server can call back.
 */
public class ClientHandler {

    private final List<String> notes = new CopyOnWriteArrayList<>();

    public String clientName() {
        return "py-client";
    }

    public Number clientAdd(Number a, Number b) {
        return ServerHandler.sum(List.of(a, b));
    }

    public void clientNote(String text) {
        notes.add(text);
    }

    /** The notes received so far. */
    public List<String> notesSeen() {
        return notes;
    }
}

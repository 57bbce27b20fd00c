package io.github.bjsonrpc.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.boot.BjsonRpcService;

/**
 * What the server at the other end of the {@code peer} client can call back: the reference test client's
 * handler. Published only on that outbound connection.
 */
@BjsonRpcService(server = false, clients = "peer")
public class ClientCallbacksService {

    private static final Logger log = LoggerFactory.getLogger(ClientCallbacksService.class);

    private final List<String> notes = new CopyOnWriteArrayList<>();

    /** This client's name. */
    public String clientName() {
        return "demo-client";
    }

    /** Returns {@code a + b}. */
    public Number clientAdd(Number a, Number b) {
        return Numbers.sum(List.of(a, b));
    }

    /** Records a note from the server. */
    public void clientNote(String text) {
        log.info("Note from the peer: {}", text);
        notes.add(text);
    }
}

package io.github.bjsonrpc.demo;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.github.bjsonrpc.BjsonRpcClient;
import io.github.bjsonrpc.RemoteObject;

/**
 * Drives the {@code peer} client over HTTP: {@code POST /peer/{method}} with a JSON array of arguments calls that
 * method on the server {@code bjsonrpc.clients.peer} points at, and answers its result. Failures are answered by
 * {@link PeerErrors}.
 */
@RestController
public class PeerController {

    private final BjsonRpcClient peer;

    /**
     * @param peer the configured outbound client, injected by its name
     */
    public PeerController(BjsonRpcClient peer) {
        this.peer = peer;
    }

    /**
     * @param method the peer's method
     * @param args its positional arguments
     * @return its result; a remote object as {@code {"remoteObject": NAME}}
     */
    @PostMapping("/peer/{method}")
    public Object call(@PathVariable String method, @RequestBody(required = false) List<Object> args) {
        Object result = peer.call(method, args == null ? new Object[0] : args.toArray());
        return result instanceof RemoteObject remote ? Map.of("remoteObject", remote.name()) : result;
    }
}

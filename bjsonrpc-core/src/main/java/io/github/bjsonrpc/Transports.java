package io.github.bjsonrpc;

import java.util.ServiceLoader;

/** Finds the transport once, the first time an entry point needs it. */
final class Transports {

    static final TransportProvider PROVIDER = load();

    private Transports() {
    }

    private static TransportProvider load() {
        return ServiceLoader.load(TransportProvider.class, TransportProvider.class.getClassLoader()).findFirst()
            .orElseThrow(() -> new IllegalStateException("No bjsonrpc transport on the class path: "
                + "META-INF/services/" + TransportProvider.class.getName() + " of bjsonrpc-core is missing"));
    }
}

package io.github.bjsonrpc.demo;

import io.github.bjsonrpc.ServerError;
import io.github.bjsonrpc.boot.BjsonRpcService;

/** How failures reach the peer: expected errors, unexpected exceptions, unserializable results. */
@BjsonRpcService
public class ErrorsService {

    /** An expected error: the peer gets the message alone. */
    public static class RequestFailed extends ServerError {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message) {
            super(message);
        }
    }

    /** Python's ValueError, so that texts read as the reference's. */
    public static class ValueError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ValueError(String message) {
            super(message);
        }
    }

    /** Python's KeyError: its text is the key in quotes. */
    public static class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyError(String key) {
            super("'" + key + "'");
        }
    }

    /** Fails with {@code reason} as the error text. */
    public void fail(String reason) {
        throw new RequestFailed(reason);
    }

    /** Fails with {@code ValueError: cannot handle <what>}. */
    public void crash(String what) {
        throw new ValueError("cannot handle " + what);
    }

    /** Fails with {@code KeyError: '<key>'}. */
    public void lookup(String key) {
        throw new KeyError(key);
    }

    /** Returns something with no JSON form: the peer gets a TypeError saying so. */
    public Object unserializable() {
        return new Object();
    }
}

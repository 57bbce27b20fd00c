package io.github.bjsonrpc;

/**
 * The peer answered a request with an error. The reference writes errors as plain strings
 * ({@code "Unknown method 'x'"}, {@code "ValueError: bad"}); a JSON-RPC 2.0 peer writes an object with
 * {@code code} and {@code message}. {@link #error()} holds the value as it arrived, converted to plain Java
 * ({@code String}, {@code Map}, ...); the exception message is the text.
 */
public class RemoteError extends BjsonRpcException {

    private static final long serialVersionUID = 1L;

    private final transient Object error;

    /**
     * @param error the {@code error} member of the reply, as plain Java
     */
    public RemoteError(Object error) {
        super(describe(error));
        this.error = error;
    }

    /**
     * The same error thrown again from another thread: the thread that waited for the reply.
     *
     * @param error the {@code error} member of the reply, as plain Java
     * @param cause the error as it was first raised, where the reply arrived
     */
    public RemoteError(Object error, Throwable cause) {
        super(describe(error), cause);
        this.error = error;
    }

    /** The {@code error} member of the reply as it arrived: usually a {@code String}, sometimes a {@code Map}. */
    public Object error() {
        return error;
    }

    private static String describe(Object error) {
        if (error instanceof java.util.Map<?, ?> map && map.get("message") instanceof String message) {
            return map.containsKey("code") ? message + " (code " + map.get("code") + ")" : message;
        }
        return String.valueOf(error);
    }
}

package io.github.bjsonrpc;

/**
 * Makes the handler of one connection: the reference's {@code handler_factory}. It is called once per connection,
 * accepted or initiated, before the first request of that connection is dispatched, off the I/O threads. It may
 * call the peer (so may the handler's constructor): the peer's requests that arrive meanwhile wait until it
 * returns.
 *
 * <p>The handler's published methods are what the peer can call; see {@link BjsonRpc} for the rules. The
 * connection is passed in so that the handler can keep it and call its peer back. Return a
 * {@link HandlerGroup} to publish the methods of several objects on one connection, or {@code null} to publish
 * nothing (the reference's {@code NullHandler}). If the handler is {@link AutoCloseable}, it is closed once when
 * the connection closes.
 */
@FunctionalInterface
public interface HandlerFactory {

    /** Publishes nothing: every request gets {@code Unknown method 'NAME'}. */
    HandlerFactory NONE = connection -> null;

    /**
     * @param connection the connection the handler serves
     * @return the handler, a {@link HandlerGroup}, or {@code null} for none
     */
    Object create(Connection connection);
}

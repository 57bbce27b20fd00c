package io.github.bjsonrpc.transport;

import io.github.bjsonrpc.wire.ReplyMessage;

/** A request of ours waiting for its reply or replies. */
abstract class Pending {

    /**
     * Takes one reply; called on the I/O thread.
     *
     * @param reply the reply carrying this request's id
     * @param bytes its share of the line that carried it
     */
    abstract void onReply(ReplyMessage reply, int bytes);

    /**
     * Fails the request: the connection closed, or the request could not be written.
     *
     * @param failure why
     */
    abstract void fail(Throwable failure);

    /**
     * Fails the request if its deadline has passed; a request without a deadline does nothing. Called on the
     * deadline timer's thread.
     *
     * @param now {@link System#nanoTime()}
     */
    void expireIfDue(long now) {
    }
}

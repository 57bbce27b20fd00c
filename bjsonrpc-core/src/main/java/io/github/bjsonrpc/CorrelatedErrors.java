package io.github.bjsonrpc;

import java.util.concurrent.ThreadLocalRandom;

/** {@link RpcExceptionHandler#withoutDetails()}: an exception's kind and a correlation id, nothing of its message. */
final class CorrelatedErrors implements RpcExceptionHandler {

    static final CorrelatedErrors INSTANCE = new CorrelatedErrors();

    private CorrelatedErrors() {
    }

    @Override
    public ErrorReply handle(Connection connection, String method, Exception failure) {
        if (failure instanceof ServerError || failure instanceof RemoteError) {
            return null;
        }
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        return new ErrorReply(ErrorReply.kindOf(failure) + " (error " + id + ")", ErrorReply.SERVER_ERROR, id);
    }

    @Override
    public String toString() {
        return "RpcExceptionHandler.withoutDetails()";
    }
}

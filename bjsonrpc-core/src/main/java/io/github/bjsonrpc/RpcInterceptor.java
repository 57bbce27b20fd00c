package io.github.bjsonrpc;

/**
 * Code around the calls of a connection, both ways: every request of the peer handled here ({@link #aroundHandled})
 * and every request sent from here ({@link #aroundIssued}). Calls, notifications, pipes and the methods of
 * exported objects all pass through it. An interceptor can look at the connection (its peer, role,
 * {@linkplain Connection#principal() TLS identity} and {@linkplain Connection#attributes() attributes}), the method
 * and the arguments; refuse the call by throwing (a {@link ServerError} sends its message to the peer as the error
 * reply); change the arguments; time the call; put values in the MDC, as it runs on the thread that runs the
 * handler (or that sends the request).
 *
 * <p>Interceptors are registered on {@link ConnectionOptions.Builder#addInterceptor}, or on the server's or the
 * client's builder ({@link EndpointBuilder#addInterceptor}), and run in that order: the first registered is the
 * outermost, and each one passes the call on with {@code proceed()}. A connection without interceptors runs its
 * calls exactly as before, at no cost.
 *
 * <pre>{@code
 * RpcInterceptor timing = new RpcInterceptor() {
 *     public Object aroundHandled(HandledCall call) throws Throwable {
 *         long start = System.nanoTime();
 *         try {
 *             return call.proceed();
 *         } finally {
 *             log.info("{} took {} us", call.method(), (System.nanoTime() - start) / 1000);
 *         }
 *     }
 * };
 * }</pre>
 *
 * Both methods do nothing but proceed unless overridden. They are called concurrently for the connections and
 * calls that run concurrently: keep an interceptor thread-safe.
 */
public interface RpcInterceptor {

    /**
     * Around one request of the peer, on the handler's thread: from the bound arguments to what the handler method
     * returned or threw. Not proceeding answers the request with what this method returns instead; throwing answers
     * it with an error, as a handler's failure would be (a notification gets no reply either way).
     *
     * <p>What the method returned is the answer still to be written: for an asynchronous handler, a
     * {@link java.util.concurrent.CompletionStage} or {@link java.util.concurrent.Flow.Publisher} that completes
     * later; for a pipe, a {@link java.util.stream.Stream} or {@link java.util.Iterator} whose elements are taken as
     * they are written, after this method returned.
     *
     * @param call the call: its connection, method, arguments; {@code call.proceed()} runs it
     * @return the result to answer with, normally what {@code call.proceed()} returned
     * @throws Throwable what the call threw, or this interceptor's refusal
     */
    default Object aroundHandled(HandledCall call) throws Throwable {
        return call.proceed();
    }

    /**
     * Around one request sent from here, on the caller's thread: from the arguments given to the verb to the moment
     * the request is written. The reply comes later, through what {@code call.proceed()} returned (for a call, the
     * {@link Request}, whose {@link Request#toCompletableFuture()} completes with the outcome; for a pipe, the
     * {@link Pipe}; nothing for a notification). Throwing refuses the call: the caller gets the exception, and
     * nothing is sent.
     *
     * @param call the call: its connection, method, arguments; {@code call.proceed()} sends it
     * @return what the verb returns, normally what {@code call.proceed()} returned
     */
    default Object aroundIssued(IssuedCall call) {
        return call.proceed();
    }
}

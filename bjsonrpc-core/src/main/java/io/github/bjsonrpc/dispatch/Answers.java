package io.github.bjsonrpc.dispatch;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ErrorReply;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.wire.MessageWriter;
import io.github.bjsonrpc.wire.RequestMessage;

/**
 * Turns what a handler method returned, or threw, into replies, and ends the request's observer scope once:
 *
 * <ul>
 * <li>a {@link Stream} or {@link Iterator}: one reply per element (a pipe), written by the handler thread (for an
 * inline method, by the handler executor: writing a pipe may wait for the peer to read);</li>
 * <li>a {@link Flow.Publisher}: one reply per element, requested one at a time as each is written; no thread
 * waits meanwhile, and the request keeps its slot until the publisher completes;</li>
 * <li>a {@link CompletionStage}: one reply when it completes, written on the handler executor; no thread waits
 * meanwhile (for an inline method, on the connection's event loop), and the request keeps its slot until then,
 * unless the stage is a {@link PeerFuture} of the same connection (it waits on the peer, and gives the slot back as
 * any wait on the peer does);</li>
 * <li>anything else: one reply.</li>
 * </ul>
 *
 * A pipe request ({@code "pipeend":true}) gets the end marker after its last element. If the connection closes
 * while an answer is still pending, the publisher is cancelled and the stage's late outcome is dropped.
 */
final class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final Connection connection;
    private final ReplySink replies;

    Answers(Connection connection, ReplySink replies) {
        this.connection = connection;
        this.replies = replies;
    }

    /**
     * Answers a request with what its method returned. Runs on the task handling the request.
     *
     * @param request the request
     * @param result what the method returned
     * @param scope the request's observer scope, ended here or when the answer is complete
     * @param inline whether the method runs inline
     */
    void result(RequestMessage request, Object result, RpcObserver.Scope scope, boolean inline) {
        if (request.isNotification()) {
            discard(result);
            scope.end(RpcObserver.CallType.NOTIFY, RpcObserver.Outcome.SUCCESS);
        } else if (inline && (result instanceof Stream || result instanceof Iterator)) {
            pipeFromExecutor(request, result, scope);
        } else if (result instanceof Stream<?> stream) {
            try (stream) {
                scope.end(RpcObserver.CallType.PIPE, sendAll(request, stream.iterator()));
            }
        } else if (result instanceof Iterator<?> iterator) {
            scope.end(RpcObserver.CallType.PIPE, sendAll(request, iterator));
        } else if (result instanceof Flow.Publisher<?> publisher) {
            Continuation continuation = queue().continueAsync(true);
            PipeSubscriber subscriber = new PipeSubscriber(request, scope, continuation);
            continuation.onAbandon(subscriber::cancel);
            publisher.subscribe(subscriber);
        } else if (result instanceof CompletionStage<?> stage) {
            later(request, stage, scope, inline);
        } else {
            scope.end(RpcObserver.CallType.CALL, single(request, result));
        }
    }

    /**
     * Answers a request whose method threw.
     *
     * @param request the request
     * @param failure what the method threw
     * @param scope the request's observer scope, ended here
     * @param type what kind of exchange it was
     */
    void failure(RequestMessage request, Throwable failure, RpcObserver.Scope scope, RpcObserver.CallType type) {
        ErrorReply error = HandlerFailures.report(connection, request.method(), failure);
        if (!request.isNotification() && replies.isOpen()) {
            replies.error(request, error.message(), error.code());
        }
        scope.end(type, HandlerFailures.outcomeOf(failure), failure);
    }

    /** An inline method's pipe: written by the handler executor, the request keeping its slot until then. */
    private void pipeFromExecutor(RequestMessage request, Object pipe, RpcObserver.Scope scope) {
        InboundQueue queue = queue();
        Continuation continuation = queue.continueAsync(true);
        Runnable write = () -> {
            try {
                result(request, pipe, scope, false);
            } catch (RuntimeException | Error e) {
                log.error("Answering '{}' on connection {} failed", request.method(), connection.id(), e);
            } finally {
                continuation.done();
            }
        };
        try {
            queue.executor().execute(write);
        } catch (RejectedExecutionException e) {
            write.run();
        }
    }

    private void later(RequestMessage request, CompletionStage<?> stage, RpcObserver.Scope scope, boolean inline) {
        if (stage instanceof CompletableFuture<?> future && future.isDone()) {
            // already complete: answered at once, as a plain value would be
            complete(request, future.handle((value, failure) -> failure == null ? value : failure).join(),
                future.isCompletedExceptionally(), scope);
            return;
        }
        boolean waitsOnPeer = stage instanceof PeerFuture<?> peer && peer.connection() == connection;
        InboundQueue queue = queue();
        Continuation continuation = queue.continueAsync(!waitsOnPeer);
        stage.whenComplete((value, failure) -> {
            Runnable answer = () -> answerLater(request, failure == null ? value : failure, failure != null, scope,
                continuation);
            // on the handler executor (an inline method's on its event loop), never on whatever thread completed
            // the stage (an I/O thread, perhaps)
            try {
                (inline ? queue.loop() : queue.executor()).execute(answer);
            } catch (RejectedExecutionException e) {
                answer.run();
            }
        });
    }

    private void answerLater(RequestMessage request, Object outcome, boolean failed, RpcObserver.Scope scope,
            Continuation continuation) {
        try {
            if (replies.isOpen()) {
                complete(request, outcome, failed, scope);
            } else {
                scope.end(RpcObserver.CallType.CALL, RpcObserver.Outcome.CONNECTION_CLOSED);
            }
        } catch (RuntimeException | Error e) {
            log.error("Answering '{}' on connection {} failed", request.method(), connection.id(), e);
        } finally {
            continuation.done();
        }
    }

    private void complete(RequestMessage request, Object outcome, boolean failed, RpcObserver.Scope scope) {
        if (failed) {
            Throwable failure = (Throwable) outcome;
            failure(request, failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure, scope, RpcObserver.CallType.CALL);
        } else {
            scope.end(RpcObserver.CallType.CALL, single(request, outcome));
        }
    }

    private static InboundQueue queue() {
        CallContext context = CallContext.current();
        if (context == null) {
            throw new IllegalStateException("Asynchronous results are answered only on a connection's queue");
        }
        return context.queue();
    }

    private RpcObserver.Outcome single(RequestMessage request, Object value) {
        if (!send(request, value, false)) {
            return RpcObserver.Outcome.UNWRITABLE_RESULT;
        }
        if (request.pipeEnd()) {
            replies.pipeEnd(request);
        }
        return RpcObserver.Outcome.SUCCESS;
    }

    /** Writes one result, or one element of a pipe; an unwritable value is answered with an error instead. */
    private boolean send(RequestMessage request, Object value, boolean element) {
        try {
            if (element) {
                replies.element(request, value);
            } else {
                replies.result(request, value);
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("Result of '{}' on connection {} cannot be written", request.method(), connection.id(), e);
            replies.error(request, ErrorMessages.unwritable(value, e), MessageWriter.SERVER_ERROR);
            return false;
        }
    }

    private RpcObserver.Outcome sendAll(RequestMessage request, Iterator<?> elements) {
        try {
            while (replies.isOpen() && elements.hasNext()) {
                if (!send(request, elements.next(), true)) {
                    return RpcObserver.Outcome.UNWRITABLE_RESULT;
                }
            }
        } catch (RuntimeException | Error failure) {
            ErrorReply error = HandlerFailures.report(connection, request.method(), failure);
            replies.error(request, error.message(), error.code());
            if (HandlerFailures.isFatal(failure)) {
                throw failure;
            }
            return HandlerFailures.outcomeOf(failure);
        }
        if (request.pipeEnd() && replies.isOpen()) {
            replies.pipeEnd(request);
        }
        return RpcObserver.Outcome.SUCCESS;
    }

    private static void discard(Object result) {
        if (result instanceof AutoCloseable closeable && (result instanceof Stream || result instanceof Iterator)) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a notification's result goes nowhere
            }
        }
    }

    /** Writes a publisher's elements one at a time: it requests the next once the previous is written. */
    private final class PipeSubscriber implements Flow.Subscriber<Object> {

        private final RequestMessage request;
        private final RpcObserver.Scope scope;
        private final Continuation continuation;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        PipeSubscriber(RequestMessage request, RpcObserver.Scope scope, Continuation continuation) {
            this.request = request;
            this.scope = scope;
            this.continuation = continuation;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(Object item) {
            if (ended.get()) {
                return;
            }
            if (!replies.isOpen()) {
                cancel();
            } else if (send(request, item, true)) {
                subscription.request(1);
            } else {
                end(RpcObserver.Outcome.UNWRITABLE_RESULT);
                cancelSubscription();
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (ended.get()) {
                return;
            }
            ErrorReply error = HandlerFailures.report(connection, request.method(), failure);
            if (replies.isOpen()) {
                replies.error(request, error.message(), error.code());
            }
            end(HandlerFailures.outcomeOf(failure), failure);
        }

        @Override
        public void onComplete() {
            if (ended.get()) {
                return;
            }
            if (request.pipeEnd() && replies.isOpen()) {
                replies.pipeEnd(request);
            }
            end(RpcObserver.Outcome.SUCCESS);
        }

        /** The connection closed: stop the publisher. */
        void cancel() {
            cancelled = true;
            cancelSubscription();
            end(RpcObserver.Outcome.CONNECTION_CLOSED);
        }

        private void cancelSubscription() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        private void end(RpcObserver.Outcome outcome) {
            end(outcome, null);
        }

        private void end(RpcObserver.Outcome outcome, Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                if (failure == null) {
                    scope.end(RpcObserver.CallType.PIPE, outcome);
                } else {
                    scope.end(RpcObserver.CallType.PIPE, outcome, failure);
                }
                continuation.done();
            }
        }
    }
}

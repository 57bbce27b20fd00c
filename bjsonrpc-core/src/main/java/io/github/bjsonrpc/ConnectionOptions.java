package io.github.bjsonrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

import tools.jackson.databind.json.JsonMapper;

/**
 * How a connection behaves, for either role. Immutable; build one from the defaults and change what you need:
 *
 * <pre>{@code
 * ConnectionOptions options = ConnectionOptions.builder()
 *     .maxConcurrency(4)
 *     .callTimeout(Duration.ofSeconds(5))
 *     .build();
 * ConnectionOptions faster = options.toBuilder().callTimeout(Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * <p>What a connection holds in memory is bounded by its options: the line being read ({@code maxLineLength}), the
 * peer's requests waiting to start ({@code maxQueuedRequests}), the bytes waiting for the peer to read them
 * ({@code writeHighWaterMark}) and the pipe elements waiting for the caller here ({@code maxBufferedPipeBytes}).
 * Reading from the peer pauses only for what arrives: requests piling up or unconsumed pipe elements, never
 * because this side cannot write.
 *
 * @param maxLineLength the longest line accepted, in bytes, {@code \n} excluded (default 8 MiB). A longer line is
 *        discarded as it arrives, without being buffered whole, and gets no reply (its id is unknown); the
 *        connection stays open
 * @param maxConcurrency how many of the peer's requests may run at once on this connection (default 1, the
 *        reference's behaviour and what keeps a stateful handler safe); they always start in arrival order
 * @param callTimeout how long a request sent from here waits for its reply (default 60 s), whether anybody waits
 *        for it or not ({@link Request#value(Duration)} with a longer timeout pushes it back); and how long a pipe's
 *        iterator waits for each element
 * @param executor where handler code, callbacks and pipe deliveries run; {@code null} for the library's shared
 *        pool ({@link BjsonRpc#defaultExecutor()})
 * @param pipeEndMarker whether pipes opened on this connection ask the peer for an end marker
 *        ({@code "pipeend":true}) so that they complete normally after the last element; only peers of this
 *        library answer it, so leave it off towards reference peers (default off)
 * @param connectTimeout how long {@link BjsonRpc#connect} tries to reach the peer and finish the TLS handshake
 *        (default 10 s); unused by accepted connections
 * @param maxRemoteObjects how many {@link Exported} objects this side may have live on the connection (default
 *        1024); exporting one more fails the call that tried, with an error saying so
 * @param maxPendingRequests how many requests sent from here may wait for replies at once, pipes included (default
 *        10 000); one more fails at once with a {@link BjsonRpcException}
 * @param maxOpenPipes how many pipes opened from here may be open at once (default 1000); one more fails at
 *        once with a {@link BjsonRpcException}
 * @param maxQueuedRequests how many lines of the peer that need a reply may wait to start (default 10 000):
 *        requests, and objects answered {@code Unknown format}. Reading from the peer pauses when half of them
 *        wait and resumes at a quarter, so a fast peer is slowed down rather than refused; lines already read
 *        beyond the limit (a burst in one read, a large batch) are answered with the error
 *        {@code Server busy: ...} (notifications are dropped) and counted
 * @param writeHighWaterMark how many bytes may wait to be written to a peer that does not read (default 1 MiB).
 *        Above it, threads writing to that peer (handlers replying, callers sending) wait until it reads again;
 *        this side goes on reading, so two peers that both write more than they read never stop each other
 * @param idleTimeout how long a connection may go without reading or writing anything before it is closed;
 *        zero (the default) for never
 * @param maxBufferedPipeBytes how many bytes of pipe elements may arrive here and wait for their caller to consume
 *        them, over all the connection's pipes, counted as the length of the lines that carried them (default
 *        8 MiB, the longest line: one element of any accepted size fits). Above it, reading from the peer pauses
 *        until the caller consumes (iterates, or requests more from the pipe's publisher) below half of it, and
 *        the limit {@code pipe-buffer} is counted. While a thread waits in {@code call} or {@link Request#value()}
 *        on the connection, reading goes on regardless (its reply may be behind the unconsumed elements), so that
 *        a caller may process a pipe's elements with calls. Close the pipes you do not consume: their elements hold
 *        the budget
 * @param interceptors code around every call handled and issued on the connection, outermost first (default none;
 *        see {@link RpcInterceptor})
 * @param exceptionHandlers what decides the error a peer gets when a handler fails, asked in order (default none:
 *        the reference's {@code Kind: message}; see {@link RpcExceptionHandler})
 * @param jsonMapper the application's Jackson mapper, to convert the values of the connection with its rules
 *        (modules, serializers, naming, dates): parameters and results of this side's methods, arguments and
 *        results of its calls; {@code null} (the default) for the library's own. The messages themselves are
 *        written and read by the wire's codec whatever this mapper says (key order, ASCII escapes, the reference's
 *        number forms, one message per line), and the wire's reference objects are always written as the wire
 *        writes them; {@code INDENT_OUTPUT}, {@code WRAP_ROOT_VALUE}, {@code UNWRAP_ROOT_VALUE} and
 *        {@code CLOSE_CLOSEABLE} are off, {@code FAIL_ON_EMPTY_BEANS} on (the reference cannot serialize those). See {@code io.github.bjsonrpc.wire.Json.valueMapper}, which makes a
 *        mapper ready once for many connections
 * @param inlineMethods the published methods of this side's handler that run {@linkplain Inline inline}, on the
 *        connection's event loop with no hand-off to the executor, by the name the peer calls (none by default);
 *        {@value #ALL_METHODS} for every method, those of exported objects included. An {@link Inline} annotation
 *        on a method or its class decides before this option does
 * @param inlineTimeLimit how long an inline method may run on an event loop before it is reported (default
 *        500 ms): a WARN with the method's stack, the limit {@code inline-time} counted, and the event loop's
 *        thread interrupted, so that a method blocked in an interruptible wait fails instead of stalling the
 *        other connections of that event loop
 */
public record ConnectionOptions(int maxLineLength, int maxConcurrency, Duration callTimeout, Executor executor,
        boolean pipeEndMarker, Duration connectTimeout, int maxRemoteObjects, int maxPendingRequests, int maxOpenPipes,
        int maxQueuedRequests, int writeHighWaterMark, Duration idleTimeout, int maxBufferedPipeBytes,
        List<RpcInterceptor> interceptors, List<RpcExceptionHandler> exceptionHandlers, JsonMapper jsonMapper,
        Set<String> inlineMethods, Duration inlineTimeLimit) {

    /** In {@link #inlineMethods()}: every published method runs inline. */
    public static final String ALL_METHODS = "*";

    private static final ConnectionOptions DEFAULTS = new ConnectionOptions(
        8 * 1024 * 1024, 1, Duration.ofSeconds(60), null, false,
        Duration.ofSeconds(10), 1024, 10_000, 1_000, 10_000, 1024 * 1024, Duration.ZERO, 8 * 1024 * 1024,
        List.of(), List.of(), null, Set.of(), Duration.ofMillis(500));

    /**
     * Checks every option.
     *
     * @param maxLineLength see the record description
     * @param maxConcurrency see the record description
     * @param callTimeout see the record description
     * @param executor see the record description
     * @param pipeEndMarker see the record description
     * @param connectTimeout see the record description
     * @param maxRemoteObjects see the record description
     * @param maxPendingRequests see the record description
     * @param maxOpenPipes see the record description
     * @param maxQueuedRequests see the record description
     * @param writeHighWaterMark see the record description
     * @param idleTimeout see the record description
     * @param maxBufferedPipeBytes see the record description
     * @param interceptors see the record description; copied
     * @param exceptionHandlers see the record description; copied
     * @param jsonMapper see the record description
     * @param inlineMethods see the record description
     * @param inlineTimeLimit see the record description
     */
    public ConnectionOptions {
        atLeast(maxLineLength, 64, "maxLineLength");
        atLeast(maxConcurrency, 1, "maxConcurrency");
        positive(callTimeout, "callTimeout");
        positive(connectTimeout, "connectTimeout");
        atLeast(maxRemoteObjects, 1, "maxRemoteObjects");
        atLeast(maxPendingRequests, 1, "maxPendingRequests");
        atLeast(maxOpenPipes, 1, "maxOpenPipes");
        atLeast(maxQueuedRequests, 1, "maxQueuedRequests");
        atLeast(writeHighWaterMark, 1024, "writeHighWaterMark");
        notNegative(idleTimeout, "idleTimeout");
        atLeast(maxBufferedPipeBytes, 1024, "maxBufferedPipeBytes");
        interceptors = List.copyOf(Objects.requireNonNull(interceptors, "interceptors"));
        exceptionHandlers = List.copyOf(Objects.requireNonNull(exceptionHandlers, "exceptionHandlers"));
        inlineMethods = Set.copyOf(Objects.requireNonNull(inlineMethods, "inlineMethods"));
        positive(inlineTimeLimit, "inlineTimeLimit");
    }

    /**
     * Whether a published method of the handler runs inline by this option alone (an {@link Inline} annotation
     * decides first).
     *
     * @param method the name the peer calls
     * @return whether {@link #inlineMethods()} names it or holds {@value #ALL_METHODS}
     */
    public boolean inlines(String method) {
        return !inlineMethods.isEmpty() && (inlineMethods.contains(ALL_METHODS) || inlineMethods.contains(method));
    }

    /** The defaults described on each option. */
    public static ConnectionOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param value the longest line accepted
     * @return a copy with that value
     */
    public ConnectionOptions withMaxLineLength(int value) {
        return toBuilder().maxLineLength(value).build();
    }

    /**
     * @param value how many requests of the peer may run at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxConcurrency(int value) {
        return toBuilder().maxConcurrency(value).build();
    }

    /**
     * @param value how long synchronous calls wait
     * @return a copy with that value
     */
    public ConnectionOptions withCallTimeout(Duration value) {
        return toBuilder().callTimeout(value).build();
    }

    /**
     * @param value where handler code runs, or {@code null} for the shared pool
     * @return a copy with that value
     */
    public ConnectionOptions withExecutor(Executor value) {
        return toBuilder().executor(value).build();
    }

    /**
     * @param value whether pipes ask the peer for an end marker
     * @return a copy with that value
     */
    public ConnectionOptions withPipeEndMarker(boolean value) {
        return toBuilder().pipeEndMarker(value).build();
    }

    /**
     * @param value how long connecting may take
     * @return a copy with that value
     */
    public ConnectionOptions withConnectTimeout(Duration value) {
        return toBuilder().connectTimeout(value).build();
    }

    /**
     * @param value how many exported objects may be live on the connection
     * @return a copy with that value
     */
    public ConnectionOptions withMaxRemoteObjects(int value) {
        return toBuilder().maxRemoteObjects(value).build();
    }

    /**
     * @param value how many requests may wait for replies at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxPendingRequests(int value) {
        return toBuilder().maxPendingRequests(value).build();
    }

    /**
     * @param value how many pipes may be open at once
     * @return a copy with that value
     */
    public ConnectionOptions withMaxOpenPipes(int value) {
        return toBuilder().maxOpenPipes(value).build();
    }

    /**
     * @param value how many lines of the peer needing a reply may wait to start
     * @return a copy with that value
     */
    public ConnectionOptions withMaxQueuedRequests(int value) {
        return toBuilder().maxQueuedRequests(value).build();
    }

    /**
     * @param value how many bytes may wait to be written
     * @return a copy with that value
     */
    public ConnectionOptions withWriteHighWaterMark(int value) {
        return toBuilder().writeHighWaterMark(value).build();
    }

    /**
     * @param value how long a connection may stay silent; zero for ever
     * @return a copy with that value
     */
    public ConnectionOptions withIdleTimeout(Duration value) {
        return toBuilder().idleTimeout(value).build();
    }

    /**
     * @param value the application's mapper for the connection's values, or {@code null} for the library's own
     * @return a copy with that value
     */
    public ConnectionOptions withJsonMapper(JsonMapper value) {
        return toBuilder().jsonMapper(value).build();
    }

    /**
     * @param names the handler's methods that run inline, {@value #ALL_METHODS} for all; none for none
     * @return a copy with that value
     */
    public ConnectionOptions withInlineMethods(String... names) {
        return toBuilder().inlineMethods(names).build();
    }

    /**
     * @param value how long an inline method may run on an event loop before it is reported
     * @return a copy with that value
     */
    public ConnectionOptions withInlineTimeLimit(Duration value) {
        return toBuilder().inlineTimeLimit(value).build();
    }

    private static void atLeast(int value, int least, String name) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", was " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /** Collects options; {@link #build()} checks them. Each setter is described on the option of the same name. */
    public static final class Builder {
        private int maxLineLength;
        private int maxConcurrency;
        private Duration callTimeout;
        private Executor executor;
        private boolean pipeEndMarker;
        private Duration connectTimeout;
        private int maxRemoteObjects;
        private int maxPendingRequests;
        private int maxOpenPipes;
        private int maxQueuedRequests;
        private int writeHighWaterMark;
        private Duration idleTimeout;
        private int maxBufferedPipeBytes;
        private final List<RpcInterceptor> interceptors;
        private final List<RpcExceptionHandler> exceptionHandlers;
        private JsonMapper jsonMapper;
        private Set<String> inlineMethods;
        private Duration inlineTimeLimit;

        private Builder(ConnectionOptions from) {
            maxLineLength = from.maxLineLength;
            maxConcurrency = from.maxConcurrency;
            callTimeout = from.callTimeout;
            executor = from.executor;
            pipeEndMarker = from.pipeEndMarker;
            connectTimeout = from.connectTimeout;
            maxRemoteObjects = from.maxRemoteObjects;
            maxPendingRequests = from.maxPendingRequests;
            maxOpenPipes = from.maxOpenPipes;
            maxQueuedRequests = from.maxQueuedRequests;
            writeHighWaterMark = from.writeHighWaterMark;
            idleTimeout = from.idleTimeout;
            maxBufferedPipeBytes = from.maxBufferedPipeBytes;
            interceptors = new ArrayList<>(from.interceptors);
            exceptionHandlers = new ArrayList<>(from.exceptionHandlers);
            jsonMapper = from.jsonMapper;
            inlineMethods = from.inlineMethods;
            inlineTimeLimit = from.inlineTimeLimit;
        }

        /**
         * @param value the longest line accepted, in bytes
         * @return this builder
         */
        public Builder maxLineLength(int value) {
            maxLineLength = value;
            return this;
        }

        /**
         * @param value how many requests of the peer may run at once
         * @return this builder
         */
        public Builder maxConcurrency(int value) {
            maxConcurrency = value;
            return this;
        }

        /**
         * @param value how long synchronous calls wait
         * @return this builder
         */
        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        /**
         * @param value where handler code runs, or {@code null} for the shared pool
         * @return this builder
         */
        public Builder executor(Executor value) {
            executor = value;
            return this;
        }

        /**
         * @param value whether pipes ask the peer for an end marker
         * @return this builder
         */
        public Builder pipeEndMarker(boolean value) {
            pipeEndMarker = value;
            return this;
        }

        /**
         * @param value how long connecting may take
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        /**
         * @param value how many exported objects may be live on the connection
         * @return this builder
         */
        public Builder maxRemoteObjects(int value) {
            maxRemoteObjects = value;
            return this;
        }

        /**
         * @param value how many requests may wait for replies at once
         * @return this builder
         */
        public Builder maxPendingRequests(int value) {
            maxPendingRequests = value;
            return this;
        }

        /**
         * @param value how many pipes may be open at once
         * @return this builder
         */
        public Builder maxOpenPipes(int value) {
            maxOpenPipes = value;
            return this;
        }

        /**
         * @param value how many lines of the peer needing a reply may wait to start
         * @return this builder
         */
        public Builder maxQueuedRequests(int value) {
            maxQueuedRequests = value;
            return this;
        }

        /**
         * @param value how many bytes may wait to be written
         * @return this builder
         */
        public Builder writeHighWaterMark(int value) {
            writeHighWaterMark = value;
            return this;
        }

        /**
         * @param value how long a connection may stay silent; zero for ever
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /**
         * @param value how many bytes of unconsumed pipe elements may wait here
         * @return this builder
         */
        public Builder maxBufferedPipeBytes(int value) {
            maxBufferedPipeBytes = value;
            return this;
        }

        /**
         * Adds an interceptor after those already there: it runs inside them.
         *
         * @param interceptor code around every call handled and issued
         * @return this builder
         */
        public Builder addInterceptor(RpcInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * @param names the handler's methods that run inline, {@value ConnectionOptions#ALL_METHODS} for all
         * @return this builder
         */
        public Builder inlineMethods(Collection<String> names) {
            inlineMethods = Set.copyOf(names);
            return this;
        }

        /**
         * @param value the interceptors, outermost first, replacing those already there
         * @return this builder
         */
        public Builder interceptors(List<RpcInterceptor> value) {
            interceptors.clear();
            value.forEach(this::addInterceptor);
            return this;
        }

        /**
         * Adds an exception handler after those already there: it is asked after them.
         *
         * @param handler decides the error a peer gets for some exceptions
         * @return this builder
         */
        public Builder addExceptionHandler(RpcExceptionHandler handler) {
            exceptionHandlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * @param value the exception handlers, in the order they are asked, replacing those already there
         * @return this builder
         */
        public Builder exceptionHandlers(List<RpcExceptionHandler> value) {
            exceptionHandlers.clear();
            value.forEach(this::addExceptionHandler);
            return this;
        }

        /**
         * @param value the application's mapper for the connection's values, or {@code null} for the library's own
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper value) {
            jsonMapper = value;
            return this;
        }

        /**
         * @param names the handler's methods that run inline, {@value ConnectionOptions#ALL_METHODS} for all
         * @return this builder
         */
        public Builder inlineMethods(String... names) {
            return inlineMethods(List.of(names));
        }

        /**
         * @param value how long an inline method may run on an event loop before it is reported
         * @return this builder
         */
        public Builder inlineTimeLimit(Duration value) {
            inlineTimeLimit = value;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if an option is out of range
         * @throws NullPointerException if a duration is missing
         */
        public ConnectionOptions build() {
            return new ConnectionOptions(maxLineLength, maxConcurrency, callTimeout, executor, pipeEndMarker,
                connectTimeout, maxRemoteObjects, maxPendingRequests, maxOpenPipes, maxQueuedRequests,
                writeHighWaterMark, idleTimeout, maxBufferedPipeBytes, interceptors, exceptionHandlers, jsonMapper,
                inlineMethods, inlineTimeLimit);
        }
    }
}

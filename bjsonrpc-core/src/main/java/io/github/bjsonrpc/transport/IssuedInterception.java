package io.github.bjsonrpc.transport;

import java.util.List;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.IssuedCall;
import io.github.bjsonrpc.Pipe;
import io.github.bjsonrpc.Request;
import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.RpcObserver;

/**
 * Runs a connection's {@link RpcInterceptor}s around each request it sends. Made only for a connection that has
 * interceptors: without, the verbs go straight to {@link OutboundCalls}.
 */
final class IssuedInterception {

    private final Connection connection;
    private final OutboundCalls verbs;
    private final RpcInterceptor[] interceptors;

    private IssuedInterception(Connection connection, OutboundCalls verbs, List<RpcInterceptor> interceptors) {
        this.connection = connection;
        this.verbs = verbs;
        this.interceptors = interceptors.toArray(new RpcInterceptor[0]);
    }

    /**
     * @param connection a connection
     * @param verbs its verbs
     * @return its interception, or {@code null} if its options name no interceptor
     */
    static IssuedInterception of(Connection connection, OutboundCalls verbs) {
        List<RpcInterceptor> interceptors = connection.options().interceptors();
        return interceptors.isEmpty() ? null : new IssuedInterception(connection, verbs, interceptors);
    }

    @SuppressWarnings("unchecked")
    <T> Request<T> method(Class<T> resultType, String method, Object... args) {
        return (Request<T>) new Call(RpcObserver.CallType.CALL, resultType, method, args).proceed();
    }

    @SuppressWarnings("unchecked")
    <T> Pipe<T> pipe(Class<T> elementType, String method, Object... args) {
        return (Pipe<T>) new Call(RpcObserver.CallType.PIPE, elementType, method, args).proceed();
    }

    void notify(String method, Object... args) {
        new Call(RpcObserver.CallType.NOTIFY, null, method, args).proceed();
    }

    /** One request through the chain; {@link #proceed} may be called again by an interceptor. */
    private final class Call implements IssuedCall {

        private final RpcObserver.CallType type;
        private final Class<?> resultType;
        private final String method;
        private final Object[] args;
        private int next;

        Call(RpcObserver.CallType type, Class<?> resultType, String method, Object[] args) {
            this.type = type;
            this.resultType = resultType;
            this.method = method;
            this.args = args;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public RpcObserver.CallType type() {
            return type;
        }

        @Override
        public Object[] arguments() {
            return args;
        }

        @Override
        public Object proceed() {
            int at = next;
            if (at == interceptors.length) {
                return send();
            }
            next = at + 1;
            try {
                return interceptors[at].aroundIssued(this);
            } finally {
                next = at;
            }
        }

        private Object send() {
            switch (type) {
                case CALL:
                    return verbs.method(resultType, method, args);
                case PIPE:
                    return verbs.pipe(resultType, method, args);
                default:
                    verbs.notify(method, args);
                    return null;
            }
        }

        @Override
        public String toString() {
            return "IssuedCall[" + method + " on connection " + connection.id() + "]";
        }
    }
}

package io.github.bjsonrpc.dispatch;

import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.HandledCall;
import io.github.bjsonrpc.RpcInterceptor;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.wire.RequestMessage;

/**
 * Runs a connection's {@link RpcInterceptor}s around each handler method it invokes. Made only for a connection that
 * has interceptors: without, the dispatcher invokes the method directly.
 */
final class HandledInterception {

    private final Connection connection;
    private final RpcInterceptor[] interceptors;

    private HandledInterception(Connection connection, List<RpcInterceptor> interceptors) {
        this.connection = connection;
        this.interceptors = interceptors.toArray(new RpcInterceptor[0]);
    }

    /**
     * @param connection a connection
     * @return its interception, or {@code null} if its options name no interceptor
     */
    static HandledInterception of(Connection connection) {
        List<RpcInterceptor> interceptors = connection.options().interceptors();
        return interceptors.isEmpty() ? null : new HandledInterception(connection, interceptors);
    }

    /**
     * Runs the interceptors, the last of which runs the method.
     *
     * @param request the request
     * @param target the object the method runs on
     * @param method the method
     * @param args the bound arguments
     * @return what the chain returned
     * @throws Throwable what it threw
     */
    Object invoke(RequestMessage request, Object target, PublishedMethod method, Object[] args) throws Throwable {
        return new Call(request, target, method, args).proceed();
    }

    /** One call through the chain; {@link #proceed} may be called again by an interceptor, to retry. */
    private final class Call implements HandledCall {

        private final RequestMessage request;
        private final Object target;
        private final PublishedMethod method;
        private final Object[] args;
        private int next;

        Call(RequestMessage request, Object target, PublishedMethod method, Object[] args) {
            this.request = request;
            this.target = target;
            this.method = method;
            this.args = args;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public RpcObserver.CallType type() {
            if (request.isNotification()) {
                return RpcObserver.CallType.NOTIFY;
            }
            Class<?> returned = method.method().getReturnType();
            return Stream.class.isAssignableFrom(returned) || Iterator.class.isAssignableFrom(returned)
                || Flow.Publisher.class.isAssignableFrom(returned) ? RpcObserver.CallType.PIPE
                    : RpcObserver.CallType.CALL;
        }

        @Override
        public Object target() {
            return target;
        }

        @Override
        public Method javaMethod() {
            return method.method();
        }

        @Override
        public Object[] arguments() {
            return args;
        }

        @Override
        public Object proceed() throws Throwable {
            int at = next;
            if (at == interceptors.length) {
                return method.invoke(target, args);
            }
            next = at + 1;
            try {
                return interceptors[at].aroundHandled(this);
            } finally {
                next = at;
            }
        }

        @Override
        public String toString() {
            return "HandledCall[" + request.method() + " on connection " + connection.id() + "]";
        }
    }
}

package io.github.bjsonrpc.boot.ssl;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * A Netty TLS context whose keys and trust can be replaced while the application runs, as when a Spring Boot SSL
 * bundle is reloaded: each new connection uses the context current when it opens; connections already open keep
 * the one they started with.
 */
@SuppressWarnings("deprecation")
public final class ReloadableSslContext extends SslContext {

    private volatile SslContext current;

    /**
     * @param initial the context to start with
     */
    public ReloadableSslContext(SslContext initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /**
     * Makes new connections use another context.
     *
     * @param next a context of the same side (client or server)
     * @throws IllegalArgumentException if it is of the other side
     */
    public void reload(SslContext next) {
        Objects.requireNonNull(next, "next");
        if (next.isClient() != current.isClient()) {
            throw new IllegalArgumentException("A " + (current.isClient() ? "client" : "server")
                + "-side SslContext cannot be replaced by a " + (next.isClient() ? "client" : "server") + "-side one");
        }
        current = next;
    }

    /** The context new connections use now. */
    public SslContext current() {
        return current;
    }

    @Override
    public boolean isClient() {
        return current.isClient();
    }

    @Override
    public List<String> cipherSuites() {
        return current.cipherSuites();
    }

    @Override
    public long sessionCacheSize() {
        return current.sessionCacheSize();
    }

    @Override
    public long sessionTimeout() {
        return current.sessionTimeout();
    }

    @Override
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return current.applicationProtocolNegotiator();
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return current.newEngine(alloc);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return current.newEngine(alloc, peerHost, peerPort);
    }

    @Override
    public SSLSessionContext sessionContext() {
        return current.sessionContext();
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        return current.newHandler(alloc);
    }

    @Override
    public SslHandler newHandler(ByteBufAllocator alloc, Executor delegatedTaskExecutor) {
        return current.newHandler(alloc, delegatedTaskExecutor);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
        return current.newHandler(alloc, executor);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
        return current.newHandler(alloc, peerHost, peerPort);
    }

    @Override
    public SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort,
            Executor delegatedTaskExecutor) {
        return current.newHandler(alloc, peerHost, peerPort, delegatedTaskExecutor);
    }

    @Override
    protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls,
            Executor delegatedTaskExecutor) {
        return current.newHandler(alloc, peerHost, peerPort, delegatedTaskExecutor);
    }
}

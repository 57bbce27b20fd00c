package io.github.bjsonrpc.boot.security;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;

import io.github.bjsonrpc.Connection;
import io.github.bjsonrpc.ErrorReply;
import io.github.bjsonrpc.RpcExceptionHandler;

/**
 * What a peer is told when Spring Security refuses a call: {@value #ACCESS_DENIED} for an
 * {@link AccessDeniedException} (a {@code @PreAuthorize} or {@code @Secured} that did not pass),
 * {@value #NOT_AUTHENTICATED} when the call needed an authentication the connection does not have, and
 * {@value BjsonRpcAuthenticationService#FAILED} for any other {@link AuthenticationException}. Never a stack trace,
 * never the exception's text.
 */
public class SecurityErrorReplies implements RpcExceptionHandler, Ordered {

    /** Its order: before the application's exception handlers of order 0 and later. */
    public static final int ORDER = -100;

    /** The error of a denied call: {@value}. */
    public static final String ACCESS_DENIED = "Access denied";

    /** The error of a call that needed an authentication: {@value}. */
    public static final String NOT_AUTHENTICATED = "Access denied: not authenticated";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public @Nullable ErrorReply handle(Connection connection, String method, Exception failure) {
        if (failure instanceof AuthenticationCredentialsNotFoundException
                || failure instanceof InsufficientAuthenticationException) {
            return ErrorReply.of(NOT_AUTHENTICATED);
        }
        if (failure instanceof AccessDeniedException) {
            return ErrorReply.of(ACCESS_DENIED);
        }
        if (failure instanceof AuthenticationException) {
            return ErrorReply.of(BjsonRpcAuthenticationService.FAILED);
        }
        return null;
    }
}

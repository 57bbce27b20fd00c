/**
 * Auto-configuration of what surrounds the calls of every bjsonrpc connection: interceptor, exception-handler and
 * connection-filter beans, and what errors tell the peer.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.interception;

import org.jspecify.annotations.NullMarked;

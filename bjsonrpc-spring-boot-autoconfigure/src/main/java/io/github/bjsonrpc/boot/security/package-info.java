/**
 * Spring Security for bjsonrpc connections: who a connection authenticated as, the handshake a peer authenticates
 * with, the security context of every call handled, and the error replies of denied calls.
 */
@NullMarked
package io.github.bjsonrpc.boot.security;

import org.jspecify.annotations.NullMarked;

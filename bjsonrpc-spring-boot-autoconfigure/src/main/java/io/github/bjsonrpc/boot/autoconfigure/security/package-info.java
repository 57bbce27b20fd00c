/**
 * Auto-configuration of Spring Security for bjsonrpc connections, and of the credentials clients send.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;

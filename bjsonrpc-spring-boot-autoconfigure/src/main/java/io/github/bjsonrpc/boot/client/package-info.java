/**
 * Configured bjsonrpc clients as beans, and typed proxies of them.
 */
@NullMarked
package io.github.bjsonrpc.boot.client;

import org.jspecify.annotations.NullMarked;

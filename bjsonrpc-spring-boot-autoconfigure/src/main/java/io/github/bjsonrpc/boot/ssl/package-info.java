/**
 * TLS from Spring Boot SSL bundles.
 */
@NullMarked
package io.github.bjsonrpc.boot.ssl;

import org.jspecify.annotations.NullMarked;

/**
 * Test support for applications that serve or call bjsonrpc.
 */
@NullMarked
package io.github.bjsonrpc.boot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;

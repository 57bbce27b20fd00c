/**
 * Ahead-of-time processing of bjsonrpc applications: runtime hints and bean registration code.
 */
@NullMarked
package io.github.bjsonrpc.boot.aot;

import org.jspecify.annotations.NullMarked;

/**
 * Meters of the application's bjsonrpc connections.
 */
@NullMarked
package io.github.bjsonrpc.boot.actuate.metrics;

import org.jspecify.annotations.NullMarked;

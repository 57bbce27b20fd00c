/**
 * Auto-configuration of the bjsonrpc meters.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;

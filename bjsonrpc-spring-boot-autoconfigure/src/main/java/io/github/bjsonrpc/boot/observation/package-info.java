/**
 * Micrometer observations of bjsonrpc calls.
 */
@NullMarked
package io.github.bjsonrpc.boot.observation;

import org.jspecify.annotations.NullMarked;

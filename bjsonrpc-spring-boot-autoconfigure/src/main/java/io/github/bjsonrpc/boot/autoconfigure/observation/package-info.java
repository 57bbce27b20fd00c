/**
 * Auto-configuration of the observation of bjsonrpc calls.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;

/**
 * The {@code bjsonrpc} Actuator endpoint.
 */
@NullMarked
package io.github.bjsonrpc.boot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;

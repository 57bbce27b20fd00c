/**
 * Auto-configuration of the {@code bjsonrpc} Actuator endpoint.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;

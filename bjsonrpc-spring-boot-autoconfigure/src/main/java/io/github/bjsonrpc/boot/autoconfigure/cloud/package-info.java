/**
 * Auto-configuration of bjsonrpc with Spring Cloud discovery and LoadBalancer.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.cloud;

import org.jspecify.annotations.NullMarked;

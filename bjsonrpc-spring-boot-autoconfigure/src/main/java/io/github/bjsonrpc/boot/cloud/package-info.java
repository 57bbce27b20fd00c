/**
 * bjsonrpc with Spring Cloud: instances of a service from its discovery or LoadBalancer, the port each registers,
 * refreshes on heartbeat events.
 */
@NullMarked
package io.github.bjsonrpc.boot.cloud;

import org.jspecify.annotations.NullMarked;

/**
 * bjsonrpc for Spring Boot: {@link io.github.bjsonrpc.boot.BjsonRpcService} services, connection events, and what the
 * server and the clients share (the registry of services, the open connections, the handler executor, the Jackson
 * mapper of their values).
 */
@NullMarked
package io.github.bjsonrpc.boot;

import org.jspecify.annotations.NullMarked;

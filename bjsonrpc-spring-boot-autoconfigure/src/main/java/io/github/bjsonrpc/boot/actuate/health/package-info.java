/**
 * Health indicators of the bjsonrpc server and clients.
 */
@NullMarked
package io.github.bjsonrpc.boot.actuate.health;

import org.jspecify.annotations.NullMarked;

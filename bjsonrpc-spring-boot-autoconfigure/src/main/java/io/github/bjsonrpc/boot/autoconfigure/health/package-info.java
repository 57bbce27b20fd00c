/**
 * Auto-configuration of the bjsonrpc health contributor.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;

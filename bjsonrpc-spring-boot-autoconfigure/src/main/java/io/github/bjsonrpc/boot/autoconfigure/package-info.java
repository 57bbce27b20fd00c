/**
 * Auto-configuration of the bjsonrpc server and clients, and their configuration properties.
 */
@NullMarked
package io.github.bjsonrpc.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;

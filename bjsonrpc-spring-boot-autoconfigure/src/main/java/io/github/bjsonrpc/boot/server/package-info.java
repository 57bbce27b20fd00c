/**
 * The bjsonrpc server run with the application.
 */
@NullMarked
package io.github.bjsonrpc.boot.server;

import org.jspecify.annotations.NullMarked;

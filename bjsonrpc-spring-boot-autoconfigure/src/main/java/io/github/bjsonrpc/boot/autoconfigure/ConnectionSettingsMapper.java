package io.github.bjsonrpc.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.github.bjsonrpc.ConnectionOptions;

/** Turns {@code bjsonrpc.*} connection settings into the core's options, with messages naming the properties. */
final class ConnectionSettingsMapper {

    private ConnectionSettingsMapper() {
    }

    static ConnectionOptions options(String prefix, BjsonRpcProperties.ConnectionSettings settings,
            Executor executor) {
        long lineLength = settings.getMaxLineLength().toBytes();
        if (lineLength > Integer.MAX_VALUE) {
            throw new IllegalStateException(prefix + ".max-line-length must be at most 2GB, was "
                + settings.getMaxLineLength());
        }
        try {
            return ConnectionOptions.defaults()
                .withMaxLineLength((int) lineLength)
                .withMaxConcurrency(settings.getMaxConcurrency())
                .withCallTimeout(settings.getCallTimeout())
                .withMaxRemoteObjects(settings.getMaxRemoteObjects())
                .withExecutor(executor);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Invalid " + prefix + ".* settings: " + e.getMessage(), e);
        }
    }
}

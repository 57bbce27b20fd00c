package io.github.bjsonrpc.boot.autoconfigure;

import java.util.Set;
import java.util.concurrent.Executor;

import io.github.bjsonrpc.ConnectionOptions;
import tools.jackson.databind.json.JsonMapper;

/** Turns {@code bjsonrpc.*} connection settings into the core's options, with messages naming the properties. */
final class ConnectionSettingsMapper {

    private ConnectionSettingsMapper() {
    }

    /**
     * @param prefix the settings' property prefix, for messages
     * @param settings the settings
     * @param executor the handler executor
     * @param inlineServices the methods of the services that run inline ({@code @BjsonRpcService(inline = true)});
     *        every method when the settings say {@code inline}
     * @return the options
     */
    static ConnectionOptions options(String prefix, BjsonRpcProperties.ConnectionSettings settings,
            Executor executor, JsonMapper jsonMapper, Set<String> inlineServices) {
        int lineLength = bytes(prefix + ".max-line-length", settings.getMaxLineLength());
        int highWaterMark = bytes(prefix + ".write-high-water-mark", settings.getWriteHighWaterMark());
        int pipeBuffer = bytes(prefix + ".max-buffered-pipe-bytes", settings.getMaxBufferedPipeBytes());
        try {
            return ConnectionOptions.builder()
                .maxLineLength(lineLength)
                .maxConcurrency(settings.getMaxConcurrency())
                .callTimeout(settings.getCallTimeout())
                .maxRemoteObjects(settings.getMaxRemoteObjects())
                .maxPendingRequests(settings.getMaxPendingRequests())
                .maxOpenPipes(settings.getMaxOpenPipes())
                .maxQueuedRequests(settings.getMaxQueuedRequests())
                .writeHighWaterMark(highWaterMark)
                .idleTimeout(settings.getIdleTimeout())
                .maxBufferedPipeBytes(pipeBuffer)
                .executor(executor)
                .jsonMapper(jsonMapper)
                .inlineMethods(settings.isInline() ? Set.of(ConnectionOptions.ALL_METHODS) : inlineServices)
                .inlineTimeLimit(settings.getInlineTimeLimit())
                .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Invalid " + prefix + ".* settings: " + e.getMessage(), e);
        }
    }

    private static int bytes(String property, org.springframework.util.unit.DataSize size) {
        if (size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException(property + " must be at most 2GB, was " + size);
        }
        return (int) size.toBytes();
    }
}

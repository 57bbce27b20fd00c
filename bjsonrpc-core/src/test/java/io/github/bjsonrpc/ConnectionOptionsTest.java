package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Options are built from the defaults, copied with changes, and checked when built. */
class ConnectionOptionsTest {

    @Test
    void aBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
        assertThat(ConnectionOptions.builder().build()).isEqualTo(ConnectionOptions.defaults());

        ConnectionOptions changed = ConnectionOptions.builder().maxConcurrency(4).callTimeout(Duration.ofSeconds(5))
            .maxBufferedPipeBytes(2048).build();

        assertThat(changed.maxConcurrency()).isEqualTo(4);
        assertThat(changed.callTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.maxBufferedPipeBytes()).isEqualTo(2048);
        assertThat(changed.maxLineLength()).isEqualTo(ConnectionOptions.defaults().maxLineLength());
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
        assertThat(changed.toBuilder().maxConcurrency(1).callTimeout(Duration.ofSeconds(60))
            .maxBufferedPipeBytes(8 * 1024 * 1024).build()).isEqualTo(ConnectionOptions.defaults());
    }

    @Test
    void theWithersAreTheBuilderOneOptionAtATime() {
        Executor direct = Runnable::run;
        JsonMapper mapper = JsonMapper.builder().build();
        ConnectionOptions built = ConnectionOptions.builder().maxLineLength(1024).maxConcurrency(2)
            .callTimeout(Duration.ofSeconds(3)).executor(direct).pipeEndMarker(true)
            .connectTimeout(Duration.ofSeconds(4)).maxRemoteObjects(5).maxPendingRequests(6).maxOpenPipes(7)
            .maxQueuedRequests(8).writeHighWaterMark(4096).idleTimeout(Duration.ofSeconds(9)).jsonMapper(mapper)
            .inlineMethods("echo").inlineTimeLimit(Duration.ofMillis(10)).build();

        ConnectionOptions withers = ConnectionOptions.defaults().withMaxLineLength(1024).withMaxConcurrency(2)
            .withCallTimeout(Duration.ofSeconds(3)).withExecutor(direct).withPipeEndMarker(true)
            .withConnectTimeout(Duration.ofSeconds(4)).withMaxRemoteObjects(5).withMaxPendingRequests(6)
            .withMaxOpenPipes(7).withMaxQueuedRequests(8).withWriteHighWaterMark(4096)
            .withIdleTimeout(Duration.ofSeconds(9)).withJsonMapper(mapper).withInlineMethods("echo")
            .withInlineTimeLimit(Duration.ofMillis(10));

        assertThat(withers).isEqualTo(built);
    }

    @Test
    void inlineMethodsAreNamedOrAll() {
        assertThat(ConnectionOptions.defaults().inlines("echo")).isFalse();
        ConnectionOptions named = ConnectionOptions.defaults().withInlineMethods("echo", "ping");
        assertThat(named.inlines("echo")).isTrue();
        assertThat(named.inlines("stall")).isFalse();
        assertThat(ConnectionOptions.defaults().withInlineMethods(ConnectionOptions.ALL_METHODS).inlines("stall"))
            .isTrue();
        assertThat(ConnectionOptions.defaults().inlineTimeLimit()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> ConnectionOptions.builder().inlineTimeLimit(Duration.ZERO).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inlineTimeLimit must be positive");
    }

    @Test
    void anOptionOutOfRangeIsNamedWhenBuilt() {
        ConnectionOptions.Builder builder = ConnectionOptions.builder().maxQueuedRequests(0);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxQueuedRequests must be at least 1, was 0");
        assertThatThrownBy(() -> ConnectionOptions.builder().maxBufferedPipeBytes(10).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedPipeBytes");
        assertThatThrownBy(() -> ConnectionOptions.builder().callTimeout(Duration.ZERO).build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout must be positive");
        assertThatThrownBy(() -> ConnectionOptions.builder().idleTimeout(null).build())
            .isInstanceOf(NullPointerException.class).hasMessage("idleTimeout");
    }

    @Test
    void interceptorsAndExceptionHandlersAreKeptInOrderAndCopiedWithTheOptions() {
        RpcInterceptor first = new RpcInterceptor() {
        };
        RpcInterceptor second = new RpcInterceptor() {
        };
        RpcExceptionHandler handler = (connection, method, failure) -> null;

        ConnectionOptions options = ConnectionOptions.builder().addInterceptor(first).addInterceptor(second)
            .addExceptionHandler(handler).build();

        assertThat(options.interceptors()).containsExactly(first, second);
        assertThat(options.exceptionHandlers()).containsExactly(handler);
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().interceptors(java.util.List.of(second)).exceptionHandlers(java.util.List.of())
            .build().interceptors()).containsExactly(second);
        assertThat(ConnectionOptions.defaults().interceptors()).isEmpty();
        assertThatThrownBy(() -> options.interceptors().add(first)).isInstanceOf(UnsupportedOperationException.class);
    }
}

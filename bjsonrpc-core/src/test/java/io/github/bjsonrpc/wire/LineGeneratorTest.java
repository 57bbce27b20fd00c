package io.github.bjsonrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;

/**
 * A thread writes line after line with one generator of its own, into whichever output each line goes to; a
 * generator that failed halfway, or that another thread lets go, is never used again.
 */
class LineGeneratorTest {

    private static String line(LineGenerator lines, ByteArrayOutputStream out, int value) {
        JsonGenerator gen = lines.generator();
        gen.writeStartObject();
        gen.writeNumberProperty("n", value);
        gen.writeNumberProperty("x", 0.5);
        gen.writeEndObject();
        gen.writeRaw('\n');
        lines.giveBack();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aThreadWritesEachLineIntoItsOwnOutputWithOneGenerator() {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        LineGenerator one = LineGenerator.borrow(first);
        assertThat(line(one, first, 1)).isEqualTo("{\"n\":1,\"x\":0.5}\n");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        LineGenerator two = LineGenerator.borrow(second);
        assertThat(two).isSameAs(one);
        assertThat(line(two, second, 2)).isEqualTo("{\"n\":2,\"x\":0.5}\n");
        assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("{\"n\":1,\"x\":0.5}\n");
    }

    @Test
    void aGeneratorBorrowedAlreadyIsNotLentTwice() {
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        LineGenerator borrowed = LineGenerator.borrow(outer);
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        LineGenerator meanwhile = LineGenerator.borrow(inner);
        assertThat(meanwhile).isNotSameAs(borrowed);
        assertThat(line(meanwhile, inner, 2)).isEqualTo("{\"n\":2,\"x\":0.5}\n");
        assertThat(line(borrowed, outer, 1)).isEqualTo("{\"n\":1,\"x\":0.5}\n");
    }

    @Test
    void aGeneratorThatFailedHalfwayIsNotUsedAgain() {
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        LineGenerator failed = LineGenerator.borrow(broken);
        failed.generator().writeStartObject();
        assertThatThrownBy(() -> failed.generator().writeNumber(1)).isInstanceOf(RuntimeException.class);
        failed.discard();
        assertThat(broken.size()).isZero();

        ByteArrayOutputStream next = new ByteArrayOutputStream();
        LineGenerator fresh = LineGenerator.borrow(next);
        assertThat(fresh).isNotSameAs(failed);
        assertThat(line(fresh, next, 3)).isEqualTo("{\"n\":3,\"x\":0.5}\n");
    }

    @Test
    void aGeneratorLetGoByAnotherThreadIsClosedNotKept() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineGenerator mine = LineGenerator.borrow(out);
        mine.generator().writeNumber(7);
        mine.generator().writeRaw('\n');
        CompletableFuture<Void> elsewhere = CompletableFuture.runAsync(mine::giveBack);
        elsewhere.get(10, TimeUnit.SECONDS);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("7\n");
        assertThat(mine.generator().isClosed()).isTrue();

        CompletableFuture<LineGenerator> other = CompletableFuture.supplyAsync(
            () -> LineGenerator.borrow(new ByteArrayOutputStream()));
        assertThat(other.get(10, TimeUnit.SECONDS)).isNotSameAs(mine);
        assertThat(LineGenerator.borrow(new ByteArrayOutputStream())).isNotSameAs(mine);
    }
}

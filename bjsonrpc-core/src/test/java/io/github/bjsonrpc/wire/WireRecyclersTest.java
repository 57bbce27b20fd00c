package io.github.bjsonrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultThreadFactory;
import tools.jackson.core.util.BufferRecycler;

/** Each platform thread reads and writes lines with one buffer recycler of its own, never shared with another. */
class WireRecyclersTest {

    @Test
    void aThreadGetsItsOwnRecyclerBackEveryTime() throws Exception {
        BufferRecycler first = WireRecyclers.POOL.acquireAndLinkPooled();
        assertThat(WireRecyclers.POOL.acquireAndLinkPooled()).isSameAs(first);
        assertThat(WireRecyclers.POOL.acquirePooled()).isSameAs(first);

        CompletableFuture<BufferRecycler[]> other = new CompletableFuture<>();
        Thread thread = new Thread(() -> other.complete(new BufferRecycler[] {
            WireRecyclers.POOL.acquireAndLinkPooled(), WireRecyclers.POOL.acquireAndLinkPooled()}));
        thread.start();
        BufferRecycler[] theirs = other.get(10, TimeUnit.SECONDS);
        assertThat(theirs[1]).isSameAs(theirs[0]).isNotSameAs(first);
    }

    @Test
    void nettyThreadsKeepTheirsApart() throws Exception {
        DefaultThreadFactory threads = new DefaultThreadFactory("recyclers-test");
        BufferRecycler[][] seen = new BufferRecycler[2][];
        for (int i = 0; i < 2; i++) {
            CompletableFuture<BufferRecycler[]> result = new CompletableFuture<>();
            threads.newThread(() -> result.complete(new BufferRecycler[] {
                WireRecyclers.POOL.acquireAndLinkPooled(), WireRecyclers.POOL.acquirePooled()})).start();
            seen[i] = result.get(10, TimeUnit.SECONDS);
        }
        assertThat(seen[0][1]).isSameAs(seen[0][0]);
        assertThat(seen[1][1]).isSameAs(seen[1][0]).isNotSameAs(seen[0][0]);
    }

    @Test
    void theWireMapperUsesThem() {
        assertThat(Json.MAPPER.tokenStreamFactory()._getRecyclerPool()).isSameAs(WireRecyclers.POOL);
    }
}

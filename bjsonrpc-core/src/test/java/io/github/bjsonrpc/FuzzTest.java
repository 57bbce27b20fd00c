package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.bjsonrpc.support.Cleanup;
import io.github.bjsonrpc.support.RawPeer;
import io.github.bjsonrpc.support.ServerHandler;
import io.github.bjsonrpc.support.Transcript;

/**
 * Random and mutated lines, seeded from the recorded conversations, fed to a live connection: nothing escapes to
 * the I/O threads, the connection keeps answering, and so do the others. {@code -Dbjsonrpc.fuzz.lines=N} and
 * {@code -Dbjsonrpc.fuzz.seed=S} run longer or replay a seed.
 */
class FuzzTest {

    private static final int LINES = Integer.getInteger("bjsonrpc.fuzz.lines", 3000);
    private static final long SEED = Long.getLong("bjsonrpc.fuzz.seed", System.nanoTime());
    /** Methods that would wait on this raw peer or sleep: mutating them tests patience, not robustness. */
    private static final List<String> SLOW = List.of("askClient", "sleepy", "notifyMe");

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    void mutatedLinesHarmNothing() throws Exception {
        List<String> internalErrors = new CopyOnWriteArrayList<>();
        BjsonRpcServer server = cleanup.track(BjsonRpcServer.builder().port(0)
            .handlerFactory(c -> new ServerHandler())
            .options(ConnectionOptions.builder().maxLineLength(64 * 1024).callTimeout(
                java.time.Duration.ofSeconds(2)).build())
            .addObserver(new RpcObserver() {
                @Override
                public void rejected(Connection connection, String reason) {
                    if (reason.equals("internal-error")) {
                        internalErrors.add(reason);
                    }
                }
            }).start());
        List<byte[]> corpus = new ArrayList<>();
        for (String name : Transcript.names()) {
            for (String line : Transcript.load(name).written(Transcript.Direction.C2S)) {
                if (SLOW.stream().noneMatch(line::contains)) {
                    corpus.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        Random random = new Random(SEED);
        try (RawPeer peer = RawPeer.connect(server.port()); RawPeer bystander = RawPeer.connect(server.port())) {
            CompletableFuture<Void> sentinelSeen = CompletableFuture.runAsync(() -> {
                String line;
                while ((line = peer.readLine()) != null) {
                    if (line.contains("\"fuzz-end\"")) {
                        return;
                    }
                }
                throw new AssertionError("the connection closed under fuzzing (seed " + SEED + ")");
            });
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < LINES; i++) {
                batch.write(mutate(corpus.get(random.nextInt(corpus.size())), random));
                batch.write('\n');
                if (batch.size() > 16 * 1024) {
                    peer.writeBytes(batch.toByteArray());
                    batch.reset();
                }
            }
            // a line left open by a mutation ends here, then the sentinel
            batch.write("\n{\"method\":\"ping\",\"id\":\"fuzz-end\"}\n".getBytes(StandardCharsets.UTF_8));
            peer.writeBytes(batch.toByteArray());
            sentinelSeen.get(60, TimeUnit.SECONDS);

            bystander.send("{\"method\":\"ping\",\"id\":1}");
            assertThat(bystander.readLine()).as("seed %d", SEED).isEqualTo("{\"result\":\"pong\",\"error\":null,\"id\":1}");
        }
        assertThat(internalErrors).as("seed %d", SEED).isEmpty();
    }

    private static byte[] mutate(byte[] line, Random random) {
        byte[] out = line.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(8)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length + 1));
                case 2 -> out = splice(out, random, randomBytes(random, 1 + random.nextInt(8)));
                case 3 -> out = splice(out, random, "{\"__objectreference__\":\"mylist_0001\"}".getBytes(
                    StandardCharsets.UTF_8));
                case 4 -> out = splice(out, random, "[".repeat(random.nextInt(3000)).getBytes(StandardCharsets.UTF_8));
                case 5 -> out = splice(out, random, ("1" + "0".repeat(random.nextInt(500))).getBytes(
                    StandardCharsets.UTF_8));
                case 6 -> out = splice(out, random, new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98});
                default -> {
                    int at = out.length == 0 ? 0 : random.nextInt(out.length);
                    byte[] doubled = new byte[out.length * 2 - at];
                    System.arraycopy(out, 0, doubled, 0, out.length);
                    System.arraycopy(out, at, doubled, out.length, out.length - at);
                    out = doubled;
                }
            }
        }
        // a mutation may not end the line early: the framing is tested elsewhere
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                out[i] = ' ';
            }
        }
        return out;
    }

    private static byte[] splice(byte[] line, Random random, byte[] inserted) {
        int at = line.length == 0 ? 0 : random.nextInt(line.length);
        byte[] out = new byte[line.length + inserted.length];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(line, at, out, at + inserted.length, line.length - at);
        return out;
    }

    private static byte[] randomBytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}

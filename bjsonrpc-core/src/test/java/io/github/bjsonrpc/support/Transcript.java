package io.github.bjsonrpc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.JsonNode;

/** One recorded scenario of {@code shared/wire}: the lines each side wrote, in order. */
public record Transcript(String name, List<Line> lines) {

    /** Who wrote a line. */
    public enum Direction {
        /** The connecting side. */
        C2S,
        /** The listening side. */
        S2C
    }

    /**
     * @param direction who wrote it
     * @param text the exact line, without {@code \n}
     */
    public record Line(Direction direction, String text) {
    }

    /** The folder of the transcripts, set by the build ({@code bjsonrpc.wire.dir}). */
    public static Path directory() {
        String configured = System.getProperty("bjsonrpc.wire.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/wire");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Wire transcripts not found at " + dir.toAbsolutePath()
                + ": the repository expects shared/ beside it");
        }
        return dir;
    }

    /** Every transcript's name (file name without {@code .jsonl}), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl"))
                .map(n -> n.substring(0, n.length() - ".jsonl".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name the scenario
     * @return its lines
     */
    public static Transcript load(String name) {
        try {
            List<Line> lines = new ArrayList<>();
            for (String row : Files.readAllLines(directory().resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
                if (row.isBlank()) {
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(row);
                Direction direction = node.get("dir").asString().equals("c2s") ? Direction.C2S : Direction.S2C;
                lines.add(new Line(direction, node.get("line").asString()));
            }
            return new Transcript(name, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines one side wrote, in order. */
    public List<String> written(Direction direction) {
        return lines.stream().filter(l -> l.direction() == direction).map(Line::text).toList();
    }
}

package io.github.bjsonrpc.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.bjsonrpc.wire.Json;
import tools.jackson.databind.JsonNode;

/**
 * One recorded scenario of the test resources' {@code wire/} folder
 * ({@code bjsonrpc-core/src/test/resources/wire/}): the lines each side wrote, in order. The transcripts are read
 * from the classpath, so they are found both in this module's test classes and in its test-jar.
 */
public record Transcript(String name, List<Line> lines) {

    /** The classpath folder of the transcripts. */
    public static final String FOLDER = "/wire/";

    /** The classpath resource naming every transcript, one name a line, sorted. */
    public static final String INDEX = FOLDER + "index.txt";

    /** The file name ending of a transcript. */
    public static final String SUFFIX = ".jsonl";

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

    /** Every transcript's name (file name without {@code .jsonl}), as {@code wire/index.txt} lists them, sorted. */
    public static List<String> names() {
        return readLines(INDEX).stream().map(String::strip).filter(n -> !n.isEmpty()).sorted().toList();
    }

    /**
     * @param name the scenario
     * @return its lines
     */
    public static Transcript load(String name) {
        List<Line> lines = new ArrayList<>();
        for (String row : readLines(FOLDER + name + SUFFIX)) {
            if (row.isBlank()) {
                continue;
            }
            JsonNode node = Json.MAPPER.readTree(row);
            Direction direction = node.get("dir").asString().equals("c2s") ? Direction.C2S : Direction.S2C;
            lines.add(new Line(direction, node.get("line").asString()));
        }
        return new Transcript(name, List.copyOf(lines));
    }

    /** The lines one side wrote, in order. */
    public List<String> written(Direction direction) {
        return lines.stream().filter(l -> l.direction() == direction).map(Line::text).toList();
    }

    private static List<String> readLines(String resource) {
        InputStream in = Transcript.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Test resource " + resource + " not found on the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

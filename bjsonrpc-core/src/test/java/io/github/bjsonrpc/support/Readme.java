package io.github.bjsonrpc.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code README.md}, for tests that keep it true: found by walking up from the working directory
 * to the folder of the root pom (the one listing {@code <modules>}), read as sections and fenced code blocks.
 */
public final class Readme {

    private static final Pattern FENCE = Pattern.compile("^```(\\w+)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^(#+) ", Pattern.MULTILINE);

    /**
     * One fenced code block.
     *
     * @param language the fence's language tag ({@code java}, {@code yaml}, ...)
     * @param line the README line its code starts on (1-based), to name it in failures
     * @param code its text, ending with a newline
     */
    public record Block(String language, int line, String code) {
    }

    private Readme() {
    }

    /** The folder of the root pom: the nearest ancestor of the working directory whose pom lists modules. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
                return dir;
            }
        }
        throw new IllegalStateException("No root pom (a pom.xml with <modules>) above " + Path.of("").toAbsolutePath());
    }

    /** The whole README. */
    public static String text() {
        return read(repositoryRoot().resolve("README.md"));
    }

    /**
     * One section: from its heading line to the next heading of the same or a higher level.
     *
     * @param heading the heading line as written, such as {@code "### Observability"}
     * @return the section, heading included
     */
    public static String section(String heading) {
        String text = text();
        int found = text.indexOf("\n" + heading + "\n");
        if (found < 0) {
            throw new IllegalStateException("README.md has no section '" + heading + "'");
        }
        int start = found + 1;
        int level = heading.indexOf(' ');
        Matcher next = HEADING.matcher(text);
        int from = start + heading.length();
        while (next.find(from)) {
            if (next.group(1).length() <= level && !insideFence(text, next.start())) {
                return text.substring(start, next.start());
            }
            from = next.end();
        }
        return text.substring(start);
    }

    /**
     * Every fenced block of one language, in order.
     *
     * @param language the fence's language tag
     * @return the blocks
     */
    public static List<Block> blocks(String language) {
        String text = text();
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            if (fence.group(1).equals(language)) {
                int line = (int) text.substring(0, fence.start(2)).chars().filter(c -> c == '\n').count() + 1;
                blocks.add(new Block(language, line, fence.group(2)));
            }
        }
        return blocks;
    }

    private static boolean insideFence(String text, int position) {
        Matcher fence = Pattern.compile("^```", Pattern.MULTILINE).matcher(text.substring(0, position));
        int fences = 0;
        while (fence.find()) {
            fences++;
        }
        return fences % 2 == 1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

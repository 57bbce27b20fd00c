package io.github.bjsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.bjsonrpc.support.Transcript;

/**
 * The checked-in {@code wire/index.txt} names exactly the transcripts of the {@code wire/} test-resource folder,
 * so that a transcript added to the folder cannot be left out of the replays.
 */
class TranscriptIndexTest {

    @Test
    void indexListsExactlyTheTranscriptsOfTheFolder() throws IOException, URISyntaxException {
        URL folder = Transcript.class.getResource(Transcript.FOLDER);
        assertThat(folder).as("wire/ on the test classpath").isNotNull();
        assertThat(folder.getProtocol()).as("this module reads its own test classes from a folder").isEqualTo("file");
        List<String> files;
        try (Stream<Path> entries = Files.list(Path.of(folder.toURI()))) {
            files = entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(Transcript.SUFFIX))
                .map(n -> n.substring(0, n.length() - Transcript.SUFFIX.length())).sorted().toList();
        }
        assertThat(files).as("transcripts in wire/").isNotEmpty();
        assertThat(Transcript.names()).as("names in wire/index.txt").containsExactlyElementsOf(files);
    }
}

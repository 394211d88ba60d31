package io.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ResultTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreTheLatenciesAtTheirRankWithinATenthOfAPercent() {
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> i * MS).toArray();

        Result result = Result.of("window", latencies, 0, 1_000_000_000L);

        assertThat(result.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(result.p99Ms()).isCloseTo(990, within(1.0));
    }

    @Test
    void opsAndThroughputCountEveryRecordedLatency() {
        Result result = Result.of("window", new long[] {3 * MS, 1 * MS, 2 * MS, 4 * MS}, 1, 2_000_000_000L);

        assertThat(result.requests()).isEqualTo(4);
        assertThat(result.perSecond()).isEqualTo(2.0);
        assertThat(result.okPerSecond()).isEqualTo(1.5);
    }

    @Test
    void aWindowWithoutOperationsHasNoPercentiles() {
        Result result = Result.of("window", new long[0], 0, 1_000_000_000L);

        assertThat(result.p50Ms()).isNaN();
        assertThat(result.p99Ms()).isNaN();
    }
}

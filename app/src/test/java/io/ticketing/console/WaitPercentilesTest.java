package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

class WaitPercentilesTest {

    @Test
    void noWaitsHaveNoPercentile() {
        assertThat(WaitPercentiles.seconds(Map.of(), 0.5)).isNull();
    }

    @Test
    void aPercentileIsWithinTenPercentOfTheWaitsOfItsBucket() {
        for (long millis : new long[] {150, 1_000, 20_000, 600_000, 3_600_000}) {
            double seconds = WaitPercentiles.seconds(Map.of(WaitPercentiles.bucketOf(millis), 1L), 0.5);
            assertThat(seconds).as("%d ms", millis).isCloseTo(millis / 1000.0, within(millis / 1000.0 * 0.1 + 0.05));
        }
    }

    @Test
    void waitsUnderATenthOfASecondShareTheFirstBucket() {
        assertThat(WaitPercentiles.bucketOf(0)).isZero();
        assertThat(WaitPercentiles.bucketOf(99)).isZero();
        assertThat(WaitPercentiles.bucketOf(100)).isEqualTo(1);
    }

    @Test
    void theMedianAndTheNinetyNinthPercentileComeFromTheirRanks() {
        int quick = WaitPercentiles.bucketOf(1_000);
        int slow = WaitPercentiles.bucketOf(60_000);
        Map<Integer, Long> waits = Map.of(quick, 98L, slow, 2L);

        assertThat(WaitPercentiles.seconds(waits, 0.5)).isCloseTo(1.0, within(0.1));
        assertThat(WaitPercentiles.seconds(waits, 0.98)).isCloseTo(1.0, within(0.1));
        assertThat(WaitPercentiles.seconds(waits, 0.99)).isCloseTo(60.0, within(6.0));
    }
}

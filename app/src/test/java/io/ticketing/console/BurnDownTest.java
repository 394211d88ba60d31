package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BurnDownTest {

    private static final Instant OPEN = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void stepsAreWholeSecondsAndNeverMoreThanThePoints() {
        assertThat(BurnDown.width(OPEN, OPEN.plusSeconds(3_600), 60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BurnDown.width(OPEN, OPEN.plusSeconds(10), 60)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BurnDown.width(OPEN, OPEN.plusSeconds(3_601), 60)).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void seatsLeftFallByTheSalesOfEachStepAndEndAtTheLiveCount() {
        var points = BurnDown.points(OPEN, Duration.ofMinutes(1), Map.of(0L, 10L, 2L, 5L), OPEN.plusSeconds(200), 100,
            OPEN.plusSeconds(210), 17);

        assertThat(points).extracting(ConsoleStats.BurnPoint::seatsLeft).containsExactly(100, 90, 90, 85, 83);
        assertThat(points.get(points.size() - 1).at()).isEqualTo(OPEN.plusSeconds(210));
    }

    @Test
    void beforeTheOpeningThereIsOnlyTheLivePoint() {
        assertThat(BurnDown.points(OPEN, Duration.ofSeconds(1), Map.of(), OPEN, 100, OPEN.minusSeconds(5), 0))
            .containsExactly(new ConsoleStats.BurnPoint(OPEN.minusSeconds(5), 100));
    }
}

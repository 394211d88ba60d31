package io.ticketing.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KneeTest {

    private static GatlingReport.Step step(String name, long total, long ko, long p99) {
        return new GatlingReport.Step(name, total, total - ko, ko, 0, 1, 2, 3, 4, p99, p99 + 1, 2);
    }

    @Test
    void kneeIsTheFirstLevelWhoseP99CrossesTheLimit() {
        Knee knee = Knee.find(List.of(
            step("All Requests", 9_000, 0, 900),
            step("sign in @ 50/s", 500, 0, 20), step("enter queue @ 50/s", 500, 0, 30),
            step("sign in @ 100/s", 1_000, 0, 40), step("enter queue @ 100/s", 1_000, 0, 700),
            step("sign in @ 150/s", 1_500, 0, 900)), 10, 500);

        assertThat(knee.kneeRate()).isEqualTo(100);
        assertThat(knee.levels().get(100).worstStep()).isEqualTo("enter queue");
        assertThat(knee.levels().get(100).arrivalsPerSecond()).isEqualTo(100.0);
    }

    @Test
    void kneeIsTheFirstLevelWithOverOnePercentErrors() {
        Knee knee = Knee.find(List.of(
            step("sign in @ 50/s", 500, 0, 20),
            step("sign in @ 100/s", 1_000, 5, 30),
            step("sign in @ 150/s", 1_500, 16, 40)), 10, 500);

        assertThat(knee.kneeRate()).isEqualTo(150);
    }

    @Test
    void noKneeWhenEveryLevelHolds() {
        Knee knee = Knee.find(List.of(step("sign in @ 50/s", 500, 0, 20), step("sign in @ 100/s", 1_000, 0, 30)), 10, 500);

        assertThat(knee.kneeRate()).isNull();
        assertThat(knee.levels()).containsOnlyKeys(50, 100);
    }
}

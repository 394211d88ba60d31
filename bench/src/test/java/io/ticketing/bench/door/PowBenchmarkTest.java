package io.ticketing.bench.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PowBenchmarkTest {

    @Test
    void percentilesOfAFewSolvesAreTheirNearestRank() {
        double[] sorted = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();

        assertThat(PowBenchmark.nearestRank(sorted, 50)).isEqualTo(10);
        assertThat(PowBenchmark.nearestRank(sorted, 95)).isEqualTo(19);
        assertThat(PowBenchmark.nearestRank(new double[] {7}, 95)).isEqualTo(7);
    }
}

package io.ticketing.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class InfiniteLineTest {

    private final InfiniteLine line = new InfiniteLine(new DoorProperties(Duration.ofMinutes(2), Duration.ofMinutes(10), 20, 200));

    @Test
    void farFromTheFrontThePlaceIsThatOfTheVirtualTicket() {
        assertThat(line.position(7, 1, 5_000)).isEqualTo(5_001);
    }

    @Test
    void nearTheFrontThePlaceStallsAtTheFloorNeverTheFront() {
        long floor = line.floorOf(7, 1);

        assertThat(line.position(7, 1, 0)).isEqualTo(floor);
        assertThat(line.position(7, 1, floor - 2)).isEqualTo(floor);
        assertThat(floor).isBetween(20L, 219L);
    }

    @Test
    void theFloorIsOneNumberPerAccountAndEventButVariesBetweenThem() {
        assertThat(line.floorOf(7, 1)).isEqualTo(line.floorOf(7, 1));
        assertThat(LongStream.range(1, 50).map(user -> line.floorOf(user, 1)).distinct().count()).isGreaterThan(10);
    }
}

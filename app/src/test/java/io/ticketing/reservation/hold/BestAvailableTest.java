package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BestAvailableTest {

    @Test
    void picksTheFirstSeatsInSeatMapOrderWhenTheyShareARow() {
        assertThat(BestAvailable.pick(Seats.rows(1, 2, 4), 3)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void skipsARowTooShortForEveryoneToSitTogether() {
        List<Seat> free = new ArrayList<>(Seats.rows(1, 2, 4));
        free.removeIf(seat -> seat.row() == 1 && seat.number() <= 3);

        assertThat(BestAvailable.pick(free, 2)).containsExactly(5L, 6L);
    }

    @Test
    void sectionsWithTheSameRowNumberAreDifferentRows() {
        List<Seat> free = List.of(new Seat(1, "A", 1, 1), new Seat(2, "B", 1, 1), new Seat(3, "B", 1, 2));

        assertThat(BestAvailable.pick(free, 2)).containsExactly(2L, 3L);
    }

    @Test
    void takesTheFirstSeatsApartWhenNoRowHasEnough() {
        List<Seat> free = List.of(new Seat(1, "A", 1, 4), new Seat(2, "A", 2, 4), new Seat(3, "A", 3, 4));

        assertThat(BestAvailable.pick(free, 2)).containsExactly(1L, 2L);
    }

    @Test
    void answersNothingWhenFewerSeatsAreFreeThanAskedFor() {
        assertThat(BestAvailable.pick(Seats.rows(1, 1, 3), 4)).isEmpty();
    }
}

package io.ticketing.reservation.hold;

import java.util.ArrayList;
import java.util.List;


/** Seat maps and holds for the pure planning tests: no database, no pipeline. */
final class Seats {

    private Seats() {
    }

    /** Seats of section A in seat-map order: ids from {@code firstId}, {@code perRow} to a row, numbered from 1. */
    static List<Seat> rows(long firstId, int rows, int perRow) {
        List<Seat> seats = new ArrayList<>();
        for (int row = 1; row <= rows; row++) {
            for (int number = 1; number <= perRow; number++) {
                seats.add(new Seat(firstId + seats.size(), "A", row, number));
            }
        }
        return seats;
    }

    static HoldRequest best(int quantity) {
        return new HoldRequest(1, 1, SeatPool.PUBLIC, null, quantity, "best-" + quantity + "-" + System.identityHashCode(new Object()), "hash",
            new HoldReply());
    }

    static HoldRequest chosen(Long... seatIds) {
        return new HoldRequest(1, 1, SeatPool.PUBLIC, List.of(seatIds), 0, "chosen-" + System.identityHashCode(new Object()), "hash", new HoldReply());
    }
}

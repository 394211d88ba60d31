package io.ticketing.reservation;

import java.time.Instant;
import java.util.List;

import io.ticketing.reservation.hold.Seat;

/** A reservation as the API shows it. */
record ReservationView(long id, long eventId, ReservationStatus status, List<SeatRef> seats, Instant holdExpiresAt) {

    record SeatRef(long id, String section, int row, int number) {

        static SeatRef of(Seat seat) {
            return new SeatRef(seat.id(), seat.section(), seat.row(), seat.number());
        }
    }
}

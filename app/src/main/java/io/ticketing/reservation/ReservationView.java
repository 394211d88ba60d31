package io.ticketing.reservation;

import java.time.Instant;
import java.util.List;

/** A reservation as the API shows it. */
record ReservationView(long id, long eventId, ReservationStatus status, List<SeatRef> seats, Instant holdExpiresAt) {

    record SeatRef(long id, String section, int row, int number) {
    }
}

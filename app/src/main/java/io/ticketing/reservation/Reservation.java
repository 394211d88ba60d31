package io.ticketing.reservation;

import java.time.Instant;

/** A reservation as read; {@code laneId} is the presale lane whose pass made it, 0 for the public line. */
record Reservation(long id, long eventId, long userId, long laneId, ReservationStatus status, Instant holdExpiresAt, String requestHash) {
}

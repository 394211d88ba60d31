package io.ticketing.reservation;

import java.time.Instant;

record Reservation(long id, long eventId, long userId, ReservationStatus status, Instant holdExpiresAt, String requestHash) {
}

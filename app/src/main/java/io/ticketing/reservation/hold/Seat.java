package io.ticketing.reservation.hold;

/** A seat and its place on the seat map: a free one read for a hold, or one a hold took. */
public record Seat(long id, String section, int row, int number) {
}

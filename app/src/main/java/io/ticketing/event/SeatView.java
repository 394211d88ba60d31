package io.ticketing.event;

/** A seat of the map; {@code lane} is the presale lane whose seat it is, null for the public sale's. */
record SeatView(long id, String section, int row, int number, SeatStatus status, Long lane) {
}

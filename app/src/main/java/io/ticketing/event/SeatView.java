package io.ticketing.event;

record SeatView(long id, String section, int row, int number, SeatStatus status) {
}

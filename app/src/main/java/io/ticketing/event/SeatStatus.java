package io.ticketing.event;

enum SeatStatus {
    AVAILABLE, HELD, SOLD
}

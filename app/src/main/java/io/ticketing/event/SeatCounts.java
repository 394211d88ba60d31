package io.ticketing.event;

record SeatCounts(int available, int held, int sold) {

    SeatCounts plus(SeatStatus status, int count) {
        return switch (status) {
            case AVAILABLE -> new SeatCounts(available + count, held, sold);
            case HELD -> new SeatCounts(available, held + count, sold);
            case SOLD -> new SeatCounts(available, held, sold + count);
        };
    }
}

package io.ticketing.reservation.hold;

import java.util.List;

/**
 * One hold waiting in its event's pipeline, for seats of lane {@code laneId} (0: the public lane).
 * Exactly one of {@code seatIds} (chosen seats) and {@code quantity} (best available) is set.
 */
record HoldRequest(long userId, long eventId, long laneId, List<Long> seatIds, int quantity, String idempotencyKey, String requestHash,
                   HoldReply reply) {

    SeatPool pool() {
        return new SeatPool(eventId, laneId);
    }

    boolean chosen() {
        return seatIds != null;
    }

    int size() {
        return chosen() ? seatIds.size() : quantity;
    }
}

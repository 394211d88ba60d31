package io.ticketing.reservation.hold;

import java.util.List;

/**
 * One hold waiting in its event's pipeline. Exactly one of {@code seatIds} (chosen seats) and
 * {@code quantity} (best available) is set.
 */
record HoldRequest(long userId, long eventId, List<Long> seatIds, int quantity, String idempotencyKey, String requestHash,
                   HoldReply reply) {

    boolean chosen() {
        return seatIds != null;
    }

    int size() {
        return chosen() ? seatIds.size() : quantity;
    }
}

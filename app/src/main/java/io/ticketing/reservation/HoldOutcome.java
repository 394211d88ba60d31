package io.ticketing.reservation;

import java.util.List;

/** What became of a hold inside a batch. */
sealed interface HoldOutcome {

    /** {@code view} is filled when the batch already knows everything the answer needs, else null. */
    record Held(long reservationId, ReservationView view) implements HoldOutcome {
    }

    /** Some chosen seats were not available (taken, or not seats of this event). */
    record Taken(List<Long> seatIds) implements HoldOutcome {
    }

    record SoldOut() implements HoldOutcome {
    }

    /** Best available: some seats are left, fewer than asked for. */
    record NotEnough() implements HoldOutcome {
    }

    /** The hold would take the buyer past their share of the event; {@code left} seats remain of it. */
    record BuyerLimit(int left) implements HoldOutcome {
    }

    /** Best available: seats are left, but other instances took every pick before this hold could; worth a retry. */
    record Contended() implements HoldOutcome {
    }

    /** The same Idempotency-Key was committed by a concurrent request first. */
    record Duplicate() implements HoldOutcome {
    }
}

package io.ticketing.reservation.hold;

import java.time.Instant;
import java.util.List;

/** What became of a hold inside a batch. */
public sealed interface HoldOutcome {

    /**
     * {@code seats} (in seat id order) and {@code expiresAt} are filled when the batch already knows
     * everything the answer needs, else null: the answer then reads the reservation back.
     */
    record Held(long reservationId, List<Seat> seats, Instant expiresAt) implements HoldOutcome {

        /** Made hold by hold: what it took is read back. */
        static Held unread(long reservationId) {
            return new Held(reservationId, null, null);
        }
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

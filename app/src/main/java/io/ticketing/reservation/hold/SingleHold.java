package io.ticketing.reservation.hold;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * One hold, statement by statement, inside a transaction the caller owns: the reservation, the
 * buyer's share, then the seats. Only a {@code Held}
 * outcome leaves its writes for the caller to commit; for any other outcome the caller must undo
 * them (a savepoint in a batch, the whole transaction on its own).
 */
@Component
class SingleHold {

    /** Best-available looks at this many free seats to find n in one row. */
    static final int CANDIDATES = 64;

    private final HoldRepository reservations;
    private final HoldSettings settings;

    SingleHold(HoldRepository reservations, HoldSettings settings) {
        this.reservations = reservations;
        this.settings = settings;
    }

    Mono<HoldOutcome> attempt(HoldRequest hold, Instant now, Instant expiresAt) {
        int max = settings.maxSeatsPerBuyer();
        return reservations.insertHeld(hold, expiresAt, now)
            .flatMap(reservationId -> reservations.takeShares(hold.eventId(), Map.of(hold.userId(), hold.size()), max)
                .flatMap(taken -> taken == 1 ? seats(hold, reservationId)
                    : reservations.share(hold.eventId(), hold.userId()).map(share -> (HoldOutcome) new HoldOutcome.BuyerLimit(Math.max(0, max - share)))))
            .onErrorResume(DuplicateKeyException.class, e -> Mono.just(new HoldOutcome.Duplicate()));
    }

    private Mono<HoldOutcome> seats(HoldRequest hold, long reservationId) {
        return seatsFor(hold)
            .flatMap(seatIds -> seatIds.isEmpty()
                ? reservations.available(hold.pool(), 1).hasElements()
                    .map(any -> any ? (HoldOutcome) new HoldOutcome.NotEnough() : new HoldOutcome.SoldOut())
                : reservations.holdSeats(hold.pool(), seatIds, reservationId)
                    .flatMap(taken -> taken == seatIds.size()
                        ? reservations.recordSeats(reservationId, seatIds).thenReturn((HoldOutcome) HoldOutcome.Held.unread(reservationId))
                        : reservations.unavailable(hold.pool(), seatIds).collectList().map(HoldOutcome.Taken::new)));
    }

    /**
     * The chosen seats, or the best available ones: n in one row when some row has n free. Best
     * available first looks only at seats nobody else is taking and locks them, so the pick cannot
     * be lost; when those are too few it looks at every free seat, and the UPDATE waits for
     * whoever holds them.
     */
    private Mono<List<Long>> seatsFor(HoldRequest hold) {
        if (hold.chosen()) {
            return Mono.just(hold.seatIds());
        }
        return reservations.claim(hold.pool(), 0, CANDIDATES).collectList()
            .map(candidates -> BestAvailable.pick(candidates, hold.quantity()))
            .filter(seats -> !seats.isEmpty())
            .switchIfEmpty(Mono.defer(() -> reservations.available(hold.pool(), CANDIDATES).collectList()
                .map(candidates -> BestAvailable.pick(candidates, hold.quantity()))));
    }
}

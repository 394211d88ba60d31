package io.ticketing.reservation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.event.EventCatalog;
import io.ticketing.reservation.hold.HoldPipeline;
import io.ticketing.resilience.Deadlocks;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;

/**
 * Offers of returned seats to the waiting list. An offer is a reservation, OFFERED: its seats are
 * HELD and owned by it in the seat rows, so no hold and no other offer can take them meanwhile, on
 * any instance. Its buyer takes it (it becomes a plain hold, and takes their share then) before its
 * deadline, or it passes ({@link ReservationService#pass}) and its seats go to the next buyer.
 * The waiting list decides who is offered, in its order; this is where seats and shares change.
 */
@Component
public class Offers {

    private final OfferRepository offers;
    private final ReservationRepository reservations;
    private final ReservationService service;
    private final HoldPipeline holds;
    private final TransactionalOperator transaction;
    private final EventCatalog catalog;
    private final DependencyBreakers breakers;
    private final ReservationProperties properties;
    private final Clock clock;

    Offers(OfferRepository offers, ReservationRepository reservations, ReservationService service, HoldPipeline holds,
           ReactiveTransactionManager transactions, EventCatalog catalog, DependencyBreakers breakers, ReservationProperties properties,
           Clock clock) {
        this.offers = offers;
        this.reservations = reservations;
        this.service = service;
        this.holds = holds;
        this.transaction = TransactionalOperator.create(transactions);
        this.catalog = catalog;
        this.breakers = breakers;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether the event has a free public seat to offer; one indexed read. */
    public Mono<Boolean> seatsFree(long eventId) {
        return breakers.database(offers.anyFree(eventId));
    }

    /**
     * Offers the buyer the free public seats their share still has room for (at most one
     * reservation's worth), held until {@code expiresAt}. Runs in the caller's transaction, which
     * holds the buyer's waiting-list entry, and must commit or roll back with it: the seats are
     * claimed with locking reads that skip seats other transactions are taking, then taken by a
     * conditional UPDATE. The buyer's share is not taken: an offer is not yet theirs to count.
     */
    public Mono<Outcome> offer(long eventId, long userId, Instant expiresAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return holds.share(eventId, userId).flatMap(share -> {
            int room = Math.min(properties.maxSeats(), properties.maxSeatsPerBuyer() - share);
            if (room <= 0) {
                return Mono.just(new Outcome.ShareFull());
            }
            return offers.claim(eventId, room).collectList().flatMap(seats -> seats.isEmpty()
                ? Mono.just(new Outcome.NoSeats())
                // Unique per buyer: one offer per entry at a time, and never two with the same first seat in the same microsecond.
                : offers.insertOffered(eventId, userId, "offer:" + eventId + ":" + seats.get(0) + ":" + micros(now), expiresAt, now)
                    .flatMap(offerId -> offers.holdSeats(eventId, seats, offerId)
                        .flatMap(taken -> taken == seats.size()
                            ? offers.recordSeats(offerId).thenReturn(
                                (Outcome) new Outcome.Made(new Offer(offerId, eventId, userId, seats, expiresAt, ReservationStatus.OFFERED)))
                            // The seats were locked by this transaction: losing one means the rules above were broken.
                            : Mono.error(new IllegalStateException("Offer " + offerId + " took " + taken + " of its " + seats.size() + " locked seats")))));
        });
    }

    /** The offer as it stands now (taken, it is a hold like any other); empty when {@code offerId} is not an offer. */
    public Mono<Offer> find(long offerId) {
        return breakers.database(reservations.find(offerId)
            .filter(Offers::isOffer)
            .flatMap(offer -> offers.seatIds(offerId).collectList()
                .map(seats -> new Offer(offer.id(), offer.eventId(), offer.userId(), seats, offer.holdExpiresAt(), offer.status()))));
    }

    /** The event's offers: open, taken (whatever became of the hold since) and passed. */
    public Mono<Summary> summary(long eventId) {
        return breakers.database(offers.countByStatus(eventId)
            .reduce(new Summary(0, 0, 0), (summary, count) -> switch (count.status()) {
                case OFFERED -> new Summary(summary.open() + count.n(), summary.taken(), summary.passed());
                case PASSED -> new Summary(summary.open(), summary.taken(), summary.passed() + count.n());
                default -> new Summary(summary.open(), summary.taken() + count.n(), summary.passed());
            }));
    }

    /**
     * Takes the buyer's offer: in one transaction it becomes a hold, conditionally (theirs, this
     * event's, still OFFERED and before its deadline), and its seats go into the buyer's share with
     * the conditional UPDATE every hold uses; over the limit, both roll back and the offer stays
     * open. Taking it again answers the hold it became.
     *
     * @throws org.springframework.web.ErrorResponseException 404 {@code offer-unknown} (no such offer of
     *         this buyer and event), 410 {@code offer-expired}, 409 {@code buyer-limit} or {@code sales-closed}
     */
    Mono<ReservationView> take(long userId, long eventId, long offerId) {
        return catalog.window(eventId).flatMap(window -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!window.openAt(now)) {
                // A retry of an offer taken while sales were open still answers its hold.
                return notTaken(userId, eventId, offerId, Problems.of(HttpStatus.CONFLICT, "sales-closed", "Sales for this event closed at "
                    + window.closesAt()));
            }
            return breakers.database(transaction.transactional(offers.take(offerId, userId, eventId, now, now.plus(properties.holdTtl()))
                        .flatMap(taken -> !taken ? Mono.just(false) : offers.seatCount(offerId)
                            .flatMap(seats -> holds.takeShare(eventId, userId, seats))
                            // Rolls the take back with the share: the offer stays open, for the buyer to make room for it.
                            .flatMap(shared -> shared ? Mono.just(true) : Mono.error(new OverLimit()))))
                    .retryWhen(Deadlocks.RETRY))
                .onErrorResume(OverLimit.class, e -> breakers.database(holds.share(eventId, userId)).flatMap(share -> Mono.error(overLimit(share))))
                .flatMap(taken -> taken ? breakers.database(service.view(offerId)) : notTaken(userId, eventId, offerId,
                    Problems.of(HttpStatus.GONE, "offer-expired", "Offer " + offerId + " has passed; its seats went to the next buyer on the waiting list")));
        });
    }

    /**
     * Why the offer could not be taken now: it is not this buyer's offer for this event (404), it
     * was taken already, by an earlier request (its hold is the answer), or {@code otherwise}.
     */
    private Mono<ReservationView> notTaken(long userId, long eventId, long offerId, RuntimeException otherwise) {
        return breakers.database(reservations.find(offerId))
            .filter(offer -> isOffer(offer) && offer.userId() == userId && offer.eventId() == eventId)
            .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.NOT_FOUND, "offer-unknown",
                "You have no offer " + offerId + " for event " + eventId)))
            .flatMap(offer -> offer.status() == ReservationStatus.OFFERED || offer.status() == ReservationStatus.PASSED
                ? Mono.error(otherwise)
                : breakers.database(service.view(offerId)));
    }

    private RuntimeException overLimit(int share) {
        int left = Math.max(0, properties.maxSeatsPerBuyer() - share);
        return Problems.of(HttpStatus.CONFLICT, "buyer-limit", "One buyer may hold and buy at most " + properties.maxSeatsPerBuyer()
            + " seats of this event; this offer has more seats than the " + left + " you have left. It stays yours until it passes",
            Map.of("seatsLeft", left));
    }

    private static boolean isOffer(Reservation reservation) {
        return OfferRepository.OFFER_HASH.equals(reservation.requestHash());
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** An offer's seats did not fit in its buyer's share. */
    private static final class OverLimit extends RuntimeException {

        OverLimit() {
            super(null, null, false, false);
        }
    }

    /** What offering the next buyer came to. */
    public sealed interface Outcome {

        record Made(Offer offer) implements Outcome {
        }

        /** No free public seat was left to offer (or all were being taken by others). */
        record NoSeats() implements Outcome {
        }

        /** The buyer holds or bought as many seats as one buyer may: nothing can be offered to them now. */
        record ShareFull() implements Outcome {
        }
    }

    /**
     * @param expiresAt the offer's deadline while OFFERED; once taken, its hold's
     */
    public record Offer(long offerId, long eventId, long userId, List<Long> seatIds, Instant expiresAt, ReservationStatus status) {
    }

    /**
     * @param open   offers waiting for their buyer
     * @param taken  offers their buyers took (held, bought, or ended since, as any hold)
     * @param passed offers not taken in time
     */
    public record Summary(long open, long taken, long passed) {
    }
}

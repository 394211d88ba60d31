package io.ticketing.reservation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.event.EventCatalog;
import io.ticketing.lane.LaneSales;
import io.ticketing.queue.Admissions;
import io.ticketing.queue.Room;
import io.ticketing.web.Cursor;
import io.ticketing.config.Digests;
import io.ticketing.reservation.hold.HoldOutcome;
import io.ticketing.reservation.hold.HoldPipeline;
import io.ticketing.resilience.Deadlocks;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Page;
import io.ticketing.web.Problems;

@Service
class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    static final String CURSOR = "reservations";
    /** The lane of every seat no presale lane has. */
    static final long PUBLIC_LANE = 0;

    private final ReservationRepository reservations;
    private final HoldPipeline holds;
    private final TransactionalOperator transaction;
    private final EventCatalog catalog;
    private final LaneSales laneSales;
    private final Admissions admissions;
    private final Clock clock;
    private final DependencyBreakers breakers;
    private final Bulkhead inFlight;
    private final ReservationProperties properties;

    ReservationService(ReservationRepository reservations, HoldPipeline holds, ReactiveTransactionManager transactions,
                       EventCatalog catalog, LaneSales laneSales, Admissions admissions, Clock clock, DependencyBreakers breakers,
                       BulkheadRegistry bulkheads, ReservationProperties properties) {
        this.laneSales = laneSales;
        this.properties = properties;
        this.breakers = breakers;
        this.inFlight = bulkheads.bulkhead("holds");
        this.admissions = admissions;
        this.reservations = reservations;
        this.holds = holds;
        this.transaction = TransactionalOperator.create(transactions);
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Holds seats of lane {@code laneId} (0: the public lane) through the event's pipeline. The
     * same Idempotency-Key with the same body answers the original reservation; with another body
     * it is a 422.
     *
     * @param hash the request's {@link #hash}, which the caller has already made for the hold gate
     */
    Mono<ReservationView> hold(long userId, long eventId, long laneId, List<Long> seatIds, Integer quantity, String idempotencyKey,
                               String hash) {
        // No lookup first: a repeated key fails the batch's insert on its unique index, and that
        // hold is then answered from the original (see answer). New requests cost no extra read.
        return window(eventId, laneId).flatMap(window -> {
                if (!window.openAt(clock.instant())) {
                    String sales = laneId == PUBLIC_LANE ? "Sales for this event" : "This lane's sales";
                    // A retry of a hold made while sales were open still answers that hold.
                    return replay(userId, idempotencyKey, hash)
                        .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.CONFLICT, "sales-closed", window.opensAt().isAfter(clock.instant())
                            ? sales + " open at " + window.opensAt() : sales + " closed at " + window.closesAt())));
                }
                // The bulkhead bounds the holds this instance has in flight across all events; the
                // pipeline guards each transaction, and a caller waits no longer than a guarded call may take.
                return holds.submit(userId, eventId, laneId, seatIds, quantity, idempotencyKey, hash).timeout(breakers.databaseTimeout())
                    .transformDeferred(BulkheadOperator.of(inFlight))
                    .onErrorMap(BulkheadFullException.class, e -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy",
                        "Too many holds are in progress on this server; retry in a moment"))
                    .flatMap(outcome -> answer(outcome, userId, eventId, laneId, idempotencyKey, hash, seatIds != null ? seatIds.size() : quantity));
            });
    }

    /**
     * When holds may be taken: the event's sale for the public lane, the lane's own window for a
     * presale lane, which may well open before the public sale does.
     */
    private Mono<EventCatalog.SalesWindow> window(long eventId, long laneId) {
        if (laneId == PUBLIC_LANE) {
            return catalog.window(eventId);
        }
        return laneSales.sale(eventId, laneId)
            .map(sale -> new EventCatalog.SalesWindow(sale.opensAt(), sale.closesAt()))
            .switchIfEmpty(Mono.error(() -> Problems.notFound("Event " + eventId + " has no lane " + laneId)));
    }

    private Mono<ReservationView> answer(HoldOutcome outcome, long userId, long eventId, long laneId, String idempotencyKey, String hash,
                                         int size) {
        if (outcome instanceof HoldOutcome.Held held) {
            return held.seats() != null
                ? Mono.just(new ReservationView(held.reservationId(), eventId, ReservationStatus.HELD,
                    held.seats().stream().map(ReservationView.SeatRef::of).toList(), held.expiresAt()))
                : view(held.reservationId());
        }
        if (outcome instanceof HoldOutcome.Duplicate) {
            // The first request's hold was there a moment ago; gone now, it was undone because its caller left.
            return replay(userId, idempotencyKey, hash)
                .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.CONFLICT, "idempotency-key-undone",
                    "The hold first requested with this Idempotency-Key was undone because that request was abandoned;"
                        + " nothing is held for it. Send the request again, with this key or a new one")));
        }
        if (outcome instanceof HoldOutcome.Taken taken) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "seats-taken", "Seats " + taken.seatIds() + " are not available",
                Map.of("seatIds", taken.seatIds())));
        }
        if (outcome instanceof HoldOutcome.BuyerLimit limit) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "buyer-limit", "One buyer may hold and buy at most "
                + properties.maxSeatsPerBuyer() + " seats of this event; you have " + limit.left() + " left",
                Map.of("seatsLeft", limit.left())));
        }
        if (outcome instanceof HoldOutcome.Contended) {
            return Mono.error(Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Seats are selling fast and others took each pick first; retry in a moment",
                Duration.ofSeconds(1)));
        }
        // A lane's buyer hears of the lane's seats: the public lane may still have some, and the reverse.
        String pool = laneId == PUBLIC_LANE ? "this event" : "this lane";
        if (outcome instanceof HoldOutcome.NotEnough) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "not-enough-seats", "Fewer than " + size + " seats are left for " + pool));
        }
        return Mono.error(Problems.of(HttpStatus.CONFLICT, "sold-out", laneId == PUBLIC_LANE ? "This event is sold out" : "This lane is sold out"));
    }

    /** The reservation an earlier request with this key made, if the body matches; empty when there is none. */
    private Mono<ReservationView> replay(long userId, String key, String hash) {
        return breakers.database(reservations.findByKey(userId, key).flatMap(existing -> existing.requestHash().equals(hash)
            ? view(existing.id())
            : Mono.error(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request"))));
    }

    // Each database step is guarded on its own; the Redis steps between them (counts, admission slot) have the Redis guard,
    // so a slow Redis never counts against the database's breaker.
    Mono<ReservationView> confirm(long userId, long reservationId) {
        return breakers.database(owned(userId, reservationId)).flatMap(reservation -> switch (reservation.status()) {
            case CONFIRMED -> breakers.database(view(reservationId));
            case EXPIRED -> Mono.error(expired());
            case HELD -> breakers.database(transaction.transactional(reservations.confirm(reservationId, clock.instant())
                    .flatMap(confirmed -> confirmed ? reservations.sellSeats(reservationId).thenReturn(true) : Mono.just(false)))
                    .retryWhen(Deadlocks.RETRY))
                .flatMap(sold -> sold ? afterSale(reservation) : notConfirmed(reservation))
                .then(breakers.database(view(reservationId)));
            default -> Mono.error(notHeld(reservation.status(), "confirmed"));
        });
    }

    /**
     * The admission slot, in the line the seats were bought from (a presale lane's or the public
     * one), goes to the next waiter; the pass ends with it once the buyer's whole share is bought.
     */
    private Mono<Void> afterSale(Reservation reservation) {
        return catalog.seatsChanged(reservation.eventId())
            .then(breakers.database(reservations.boughtSeats(reservation.eventId(), reservation.userId())))
            .flatMap(bought -> admissions.finished(new Room(reservation.eventId(), reservation.laneId()), reservation.userId(),
                bought >= properties.maxSeatsPerBuyer()))
            // The sale is final whatever Redis says: a lost hint only delays the next admission.
            .onErrorResume(e -> {
                log.warn("Could not free the admission slot of user {} for event {}: {}", reservation.userId(), reservation.eventId(), e.toString());
                return Mono.empty();
            });
    }

    /**
     * The conditional confirm matched nothing: a concurrent confirm won (the sale stands, and this
     * caller hears so too), or the hold is past its deadline, which frees its seats now, so that
     * "back on sale" is true when the buyer reads it.
     */
    private Mono<Void> notConfirmed(Reservation reservation) {
        return breakers.database(reservations.find(reservation.id()))
            .flatMap(now -> now.status() == ReservationStatus.CONFIRMED ? Mono.<Void>empty()
                : release(reservation, ReservationStatus.EXPIRED).then(Mono.error(expired())));
    }

    Mono<ReservationView> cancel(long userId, long reservationId) {
        return breakers.database(owned(userId, reservationId)).flatMap(reservation -> switch (reservation.status()) {
            case CANCELLED -> breakers.database(view(reservationId));
            case HELD -> release(reservation, ReservationStatus.CANCELLED).then(breakers.database(view(reservationId)))
                // Confirmed or expired a moment ago: the answer says what it is now.
                .flatMap(view -> view.status() == ReservationStatus.CANCELLED ? Mono.just(view) : Mono.error(notHeld(view.status(), "cancelled")));
            default -> Mono.error(notHeld(reservation.status(), "cancelled"));
        });
    }

    /**
     * Ends a hold and puts its seats back on sale, and back in its buyer's share, at once; false
     * when someone else ended it first.
     */
    Mono<Boolean> release(Reservation reservation, ReservationStatus to) {
        return end(reservation, ReservationStatus.HELD, to, holds.release(reservation.id(), reservation.eventId(), reservation.userId()));
    }

    /**
     * Ends an offer to the waiting list that was not taken in time: its seats go back on sale (they
     * were in no buyer's share), for the next sweep to offer to the next buyer; false when it was
     * taken or passed by someone else first.
     */
    Mono<Boolean> pass(Reservation offer) {
        return end(offer, ReservationStatus.OFFERED, ReservationStatus.PASSED, holds.returnSeats(offer.id(), offer.eventId()));
    }

    /** Moves the reservation from {@code from} to {@code to} and, only if this call moved it, gives its seats back. */
    private Mono<Boolean> end(Reservation reservation, ReservationStatus from, ReservationStatus to, Mono<Void> giveBack) {
        return breakers.database(transaction.transactional(reservations.transition(reservation.id(), from, to, clock.instant())
                .flatMap(moved -> !moved ? Mono.just(false) : giveBack.thenReturn(true)))
                .retryWhen(Deadlocks.RETRY))
            .flatMap(ended -> ended ? catalog.seatsChanged(reservation.eventId()).thenReturn(true) : Mono.just(false));
    }

    Mono<ReservationView> get(long userId, long reservationId) {
        return breakers.database(owned(userId, reservationId).flatMap(reservation -> view(reservationId)));
    }

    Mono<Page<ReservationView>> mine(long userId, long beforeId, int limit) {
        return breakers.database(reservations.mine(userId, beforeId, limit + 1)
            .concatMap(reservation -> view(reservation))
            .collectList()
            .map(rows -> Page.of(rows, limit, view -> Cursor.encode(CURSOR, view.id()))));
    }

    /** Another user's reservation is answered like a missing one: its existence is nobody else's business. */
    private Mono<Reservation> owned(long userId, long reservationId) {
        return reservations.find(reservationId)
            .filter(reservation -> reservation.userId() == userId)
            .switchIfEmpty(Mono.error(() -> Problems.notFound("Reservation " + reservationId + " does not exist")));
    }

    Mono<ReservationView> view(long reservationId) {
        return reservations.find(reservationId).flatMap(this::view);
    }

    private Mono<ReservationView> view(Reservation reservation) {
        return reservations.seatsOf(reservation.id()).collectList()
            .map(seats -> new ReservationView(reservation.id(), reservation.eventId(), reservation.status(), seats, reservation.holdExpiresAt()));
    }

    private static RuntimeException notHeld(ReservationStatus status, String verb) {
        return Problems.of(HttpStatus.CONFLICT, "not-held", "This reservation is " + status + " and cannot be " + verb);
    }

    private static RuntimeException expired() {
        return Problems.of(HttpStatus.CONFLICT, "hold-expired", "The hold has expired; its seats are back on sale");
    }

    static String hash(long eventId, List<Long> seatIds, Integer quantity) {
        String canonical = eventId + "|" + (seatIds == null ? "" : seatIds.stream().sorted().toList()) + "|" + (quantity == null ? "" : quantity);
        return Digests.sha256(canonical);
    }
}

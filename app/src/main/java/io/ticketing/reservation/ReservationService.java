package io.ticketing.reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.event.EventCatalog;
import io.ticketing.queue.Admissions;
import io.ticketing.system.Cursor;
import io.ticketing.system.Guards;
import io.ticketing.system.Page;
import io.ticketing.system.Problems;

@Service
class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    static final String CURSOR = "reservations";

    private final ReservationRepository reservations;
    private final HoldCommitter holds;
    private final TransactionalOperator transaction;
    private final EventCatalog catalog;
    private final Admissions admissions;
    private final Clock clock;
    private final Guards guards;
    private final Bulkhead inFlight;

    ReservationService(ReservationRepository reservations, HoldCommitter holds, ReactiveTransactionManager transactions,
                       EventCatalog catalog, Admissions admissions, Clock clock, Guards guards, BulkheadRegistry bulkheads) {
        this.guards = guards;
        this.inFlight = bulkheads.bulkhead("holds");
        this.admissions = admissions;
        this.reservations = reservations;
        this.holds = holds;
        this.transaction = TransactionalOperator.create(transactions);
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Holds seats through the configured committer (the event's pipeline). The same Idempotency-Key with the same body answers
     * the original reservation; with another body it is a 422.
     */
    Mono<ReservationView> hold(long userId, long eventId, List<Long> seatIds, Integer quantity, String idempotencyKey) {
        String hash = hash(eventId, seatIds, quantity);
        // No lookup first: a repeated key fails the batch's insert on its unique index, and that
        // hold is then answered from the original (see answer). New requests cost no extra read.
        return Mono.defer(() -> {
                HoldRequest request = new HoldRequest(userId, eventId, seatIds, quantity == null ? 0 : quantity, idempotencyKey, hash,
                    Sinks.one());
                // The bulkhead bounds the holds this instance has in flight across all events; the
                // committer guards each transaction, and a caller waits no longer than a guarded call may take.
                return holds.submit(request).timeout(guards.databaseTimeout())
                    .transformDeferred(BulkheadOperator.of(inFlight))
                    .onErrorMap(BulkheadFullException.class, e -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy",
                        "Too many holds are in progress on this server; retry in a moment"))
                    .flatMap(outcome -> answer(outcome, request));
            });
    }

    private Mono<ReservationView> answer(HoldOutcome outcome, HoldRequest request) {
        if (outcome instanceof HoldOutcome.Held held) {
            return held.view() != null ? Mono.just(held.view()) : view(held.reservationId());
        }
        if (outcome instanceof HoldOutcome.Duplicate) {
            return replay(request.userId(), request.idempotencyKey(), request.requestHash());
        }
        if (outcome instanceof HoldOutcome.Taken taken) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "seats-taken", "Seats " + taken.seatIds() + " are not available",
                Map.of("seatIds", taken.seatIds())));
        }
        if (outcome instanceof HoldOutcome.NotEnough) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, "not-enough-seats", "Fewer than " + request.size() + " seats are left for this event"));
        }
        return Mono.error(Problems.of(HttpStatus.CONFLICT, "sold-out", "This event is sold out"));
    }

    /** The reservation an earlier request with this key made, if the body matches. */
    private Mono<ReservationView> replay(long userId, String key, String hash) {
        return reservations.findByKey(userId, key).flatMap(existing -> existing.requestHash().equals(hash)
            ? view(existing.id())
            : Mono.error(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request")));
    }

    // Each database step is guarded on its own; the Redis steps between them (counts, admission slot) have the Redis guard,
    // so a slow Redis never counts against the database's breaker.
    Mono<ReservationView> confirm(long userId, long reservationId) {
        return guards.database(owned(userId, reservationId)).flatMap(reservation -> switch (reservation.status()) {
            case "CONFIRMED" -> guards.database(view(reservationId));
            case "EXPIRED" -> Mono.error(expired());
            case "HELD" -> guards.database(transaction.transactional(reservations.confirm(reservationId, clock.instant())
                    .flatMap(confirmed -> confirmed ? reservations.sellSeats(reservationId).thenReturn(true) : Mono.just(false))))
                // Past its deadline but not yet swept: release it now, so that "back on sale" is true when the buyer reads it.
                .flatMap(sold -> sold ? Mono.just(true) : release(reservation, "EXPIRED").then(Mono.error(expired())))
                .then(catalog.seatsChanged(reservation.eventId()))
                // The sale is final whatever Redis says: a lost hint only delays the next admission.
                .then(admissions.finished(reservation.eventId(), userId)
                    .onErrorResume(e -> {
                        log.warn("Could not free the admission slot of user {} for event {}: {}", userId, reservation.eventId(), e.toString());
                        return Mono.empty();
                    }))
                .then(guards.database(view(reservationId)));
            default -> Mono.error(Problems.of(HttpStatus.CONFLICT, "not-held", "This reservation is " + reservation.status()
                + " and cannot be confirmed"));
        });
    }

    Mono<ReservationView> cancel(long userId, long reservationId) {
        return guards.database(owned(userId, reservationId)).flatMap(reservation -> switch (reservation.status()) {
            case "CANCELLED" -> guards.database(view(reservationId));
            case "HELD" -> release(reservation, "CANCELLED").then(guards.database(view(reservationId)));
            default -> Mono.error(Problems.of(HttpStatus.CONFLICT, "not-held", "This reservation is " + reservation.status()
                + " and cannot be cancelled"));
        });
    }

    /** Ends a hold and puts its seats back on sale at once; false when someone else ended it first. */
    Mono<Boolean> release(Reservation reservation, String to) {
        return guards.database(transaction.transactional(reservations.transition(reservation.id(), "HELD", to, clock.instant())
                .flatMap(moved -> moved ? reservations.releaseSeats(reservation.id()).thenReturn(true) : Mono.just(false))))
            .flatMap(released -> released ? catalog.seatsChanged(reservation.eventId()).thenReturn(true) : Mono.just(false));
    }

    Mono<ReservationView> get(long userId, long reservationId) {
        return guards.database(owned(userId, reservationId).flatMap(reservation -> view(reservationId)));
    }

    Mono<Page<ReservationView>> mine(long userId, long beforeId, int limit) {
        return guards.database(reservations.mine(userId, beforeId, limit + 1)
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

    private Mono<ReservationView> view(long reservationId) {
        return reservations.find(reservationId).flatMap(this::view);
    }

    private Mono<ReservationView> view(Reservation reservation) {
        return reservations.seatsOf(reservation.id()).collectList()
            .map(seats -> new ReservationView(reservation.id(), reservation.eventId(), reservation.status(), seats, reservation.holdExpiresAt()));
    }

    private static RuntimeException expired() {
        return Problems.of(HttpStatus.CONFLICT, "hold-expired", "The hold has expired; its seats are back on sale");
    }

    static String hash(long eventId, List<Long> seatIds, Integer quantity) {
        String canonical = eventId + "|" + (seatIds == null ? "" : seatIds.stream().sorted().toList()) + "|" + (quantity == null ? "" : quantity);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

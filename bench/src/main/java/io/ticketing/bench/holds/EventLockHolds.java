package io.ticketing.bench.holds;

import java.security.Principal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The design this service replaced, reproduced with SQL of its own for side-by-side comparison and
 * never for a real sale: one transaction per hold that first locks the event's row, so every hold
 * of a hot event waits for the one before it, each holding a pooled connection while it waits.
 * Under that lock it writes what the service's holds write (the reservation, the buyer's share
 * within the limit, the seats, their links), so the sale's invariants hold and the service confirms
 * and expires these holds as its own. Picks the first free seats: with the event locked nobody
 * else is picking. {@code {"quantity": n}} only; the benchmarks and the load test send no other.
 */
final class EventLockHolds {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final int maxSeatsPerBuyer;
    private final Duration holdTtl;

    EventLockHolds(DatabaseClient db, TransactionalOperator transaction, int maxSeatsPerBuyer, Duration holdTtl) {
        this.db = db;
        this.transaction = transaction;
        this.maxSeatsPerBuyer = maxSeatsPerBuyer;
        this.holdTtl = holdTtl;
    }

    Mono<ServerResponse> hold(ServerRequest request) {
        long eventId = Long.parseLong(request.pathVariable("id"));
        String key = request.headers().firstHeader("Idempotency-Key");
        return request.principal().map(Principal::getName).map(Long::parseLong)
            .zipWith(request.bodyToMono(Map.class).map(body -> ((Number) body.getOrDefault("quantity", 1)).intValue()))
            .flatMap(buyer -> transaction.transactional(hold(eventId, buyer.getT1(), buyer.getT2(), key))
                .flatMap(id -> ServerResponse.status(HttpStatus.CREATED).bodyValue(Map.of("id", id, "status", "HELD")))
                // The refusal is all the transaction did: it is rolled back before the answer.
                .onErrorResume(Refused.class, refused -> ServerResponse.status(refused.status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(Map.of("type", "urn:ticketing:problem:" + refused.slug, "status", refused.status.value()))))
            .switchIfEmpty(ServerResponse.status(HttpStatus.UNAUTHORIZED).build());
    }

    private Mono<Long> hold(long eventId, long userId, int quantity, String key) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return db.sql("SELECT id FROM event WHERE id = :id FOR UPDATE").bind("id", eventId).map(row -> row.get(0, Long.class)).one()
            .switchIfEmpty(Mono.error(() -> new Refused(HttpStatus.NOT_FOUND, "not-found")))
            .then(db.sql("""
                    INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
                    VALUES (:e, :u, 'HELD', :expires, :key, REPEAT('0', 64), :now, :now)""")
                .bind("e", eventId).bind("u", userId).bind("expires", now.plus(holdTtl)).bind("key", key).bind("now", now)
                .filter(statement -> statement.returnGeneratedValues("id"))
                .map(row -> row.get("id", Long.class)).one())
            .flatMap(reservation -> share(eventId, userId, quantity)
                .then(db.sql("SELECT id FROM seat WHERE event_id = :e AND status = 'AVAILABLE' ORDER BY id LIMIT :n")
                    .bind("e", eventId).bind("n", quantity).map(row -> row.get(0, Long.class)).all().collectList())
                .flatMap(seats -> seats.size() < quantity
                    ? Mono.error(new Refused(HttpStatus.CONFLICT, seats.isEmpty() ? "sold-out" : "not-enough-seats"))
                    : take(reservation, seats))
                .thenReturn(reservation));
    }

    /** The buyer's share grows by {@code quantity} within the limit, or the hold is refused. */
    private Mono<Void> share(long eventId, long userId, int quantity) {
        return db.sql("INSERT IGNORE INTO buyer_share (event_id, user_id, seats) VALUES (:e, :u, 0)").bind("e", eventId).bind("u", userId)
            .then()
            .then(db.sql("UPDATE buyer_share SET seats = seats + :n WHERE event_id = :e AND user_id = :u AND seats + :n <= :max")
                .bind("n", quantity).bind("e", eventId).bind("u", userId).bind("max", maxSeatsPerBuyer).fetch().rowsUpdated())
            .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new Refused(HttpStatus.CONFLICT, "buyer-limit")));
    }

    private Mono<Void> take(long reservation, List<Long> seats) {
        return db.sql("UPDATE seat SET status = 'HELD', reservation_id = :r WHERE id IN (:ids) AND status = 'AVAILABLE'")
            .bind("r", reservation).bind("ids", seats).then()
            .then(Mono.defer(() -> {
                StringBuilder rows = new StringBuilder();
                for (long seat : seats) {
                    rows.append(rows.isEmpty() ? "" : ",").append('(').append(reservation).append(',').append(seat).append(')');
                }
                return db.sql("INSERT INTO reservation_seat (reservation_id, seat_id) VALUES " + rows).then();
            }));
    }

    /** A hold refused: the problem type's last part and the status, as the service words them. */
    private static final class Refused extends RuntimeException {

        private final HttpStatus status;
        private final String slug;

        Refused(HttpStatus status, String slug) {
            super(slug, null, false, false);
            this.status = status;
            this.slug = slug;
        }
    }
}

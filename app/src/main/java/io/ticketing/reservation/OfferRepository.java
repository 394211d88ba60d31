package io.ticketing.reservation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.ticketing.config.Digests;

/**
 * The SQL of offers to the waiting list: reservations made outside the hold pipeline, OFFERED until
 * taken. Their seats are claimed as a hold's are, by a conditional UPDATE judged by its row count,
 * and only public seats ({@code lane_id IS NULL}): a lane's seats are never offered to the list.
 */
@Repository
class OfferRepository {

    /**
     * What marks a reservation as an offer: no hold's request hash is this (a hold's hashes its
     * event, seats and quantity), so an offer is told from a hold without a column of its own.
     */
    static final String OFFER_HASH = Digests.sha256("offer of returned seats");

    private final DatabaseClient db;

    OfferRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the event has a free public seat now; a plain read, to spare the locking one while there is none. */
    Mono<Boolean> anyFree(long eventId) {
        return db.sql("SELECT 1 FROM seat WHERE event_id = :e AND status = 'AVAILABLE' AND lane_id IS NULL LIMIT 1")
            .bind("e", eventId)
            .map(row -> true)
            .one()
            .defaultIfEmpty(false);
    }

    /**
     * Up to {@code limit} free public seats, in seat-map order, locked for this transaction; seats
     * another transaction is taking are skipped, so instances offering at once never pick the same.
     */
    Flux<Long> claim(long eventId, int limit) {
        return db.sql("""
                SELECT id FROM seat WHERE event_id = :e AND status = 'AVAILABLE' AND lane_id IS NULL
                ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
            .bind("e", eventId)
            .bind("limit", limit)
            .map(row -> row.get("id", Long.class))
            .all();
    }

    Mono<Long> insertOffered(long eventId, long userId, String key, Instant expiresAt, Instant now) {
        return db.sql("""
                INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
                VALUES (:e, :u, 'OFFERED', :expiresAt, :key, :hash, :now, :now)""")
            .bind("e", eventId)
            .bind("u", userId)
            .bind("expiresAt", utc(expiresAt))
            .bind("key", key)
            .bind("hash", OFFER_HASH)
            .bind("now", utc(now))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one();
    }

    /** Takes the seats for the offer if they are still free public seats; answers how many it took. */
    Mono<Long> holdSeats(long eventId, List<Long> seatIds, long offerId) {
        return db.sql("""
                UPDATE seat SET status = 'HELD', reservation_id = :r
                WHERE event_id = :e AND id IN (:ids) AND status = 'AVAILABLE' AND lane_id IS NULL""")
            .bind("r", offerId)
            .bind("e", eventId)
            .bind("ids", seatIds)
            .fetch()
            .rowsUpdated();
    }

    /** Records the seats the offer owns now as what it holds, as a hold's reservation_seat rows do. */
    Mono<Void> recordSeats(long offerId) {
        return db.sql("INSERT INTO reservation_seat (reservation_id, seat_id) SELECT :r, id FROM seat WHERE reservation_id = :r")
            .bind("r", offerId)
            .then();
    }

    /** OFFERED → HELD for its buyer, while its deadline has not passed; the hold then lasts {@code expiresAt}. */
    Mono<Boolean> take(long offerId, long userId, long eventId, Instant now, Instant expiresAt) {
        return db.sql("""
                UPDATE reservation SET status = 'HELD', hold_expires_at = :expiresAt, updated_at = :now
                WHERE id = :id AND user_id = :u AND event_id = :e AND status = 'OFFERED' AND hold_expires_at > :now""")
            .bind("expiresAt", utc(expiresAt))
            .bind("now", utc(now))
            .bind("id", offerId)
            .bind("u", userId)
            .bind("e", eventId)
            .fetch()
            .rowsUpdated()
            .map(n -> n == 1);
    }

    Mono<Integer> seatCount(long offerId) {
        return db.sql("SELECT COUNT(*) FROM reservation_seat WHERE reservation_id = :r")
            .bind("r", offerId)
            .map(row -> row.get(0, Long.class).intValue())
            .one();
    }

    Flux<Long> seatIds(long offerId) {
        return db.sql("SELECT seat_id FROM reservation_seat WHERE reservation_id = :r ORDER BY seat_id")
            .bind("r", offerId)
            .map(row -> row.get("seat_id", Long.class))
            .all();
    }

    /**
     * The event's offers by status. Walks the event's reservations (the event's index), not only
     * its offers: an operator's read, not a buyer's.
     */
    Flux<StatusCount> countByStatus(long eventId) {
        return db.sql("SELECT status, COUNT(*) AS n FROM reservation WHERE event_id = :e AND request_hash = :hash GROUP BY status")
            .bind("e", eventId)
            .bind("hash", OFFER_HASH)
            .map(row -> new StatusCount(ReservationStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class)))
            .all();
    }

    record StatusCount(ReservationStatus status, long n) {
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

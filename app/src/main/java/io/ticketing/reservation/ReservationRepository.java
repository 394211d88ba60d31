package io.ticketing.reservation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations once made: read, and moved from status to status by conditional UPDATEs judged by
 * their row counts (r2dbc-mysql reports rows matched, not rows changed, so each names the status
 * it moves from). Making them, and giving a hold's seats back, is the hold pipeline's
 * ({@link io.ticketing.reservation.hold.HoldPipeline}).
 */
@Repository
class ReservationRepository {

    private static final String COLUMNS = "id, event_id, user_id, lane_id, status, hold_expires_at, request_hash";

    private final DatabaseClient db;

    ReservationRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Reservation> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM reservation WHERE id = :id")
            .bind("id", id)
            .map(ReservationRepository::reservation)
            .one();
    }

    Mono<Reservation> findByKey(long userId, String key) {
        return db.sql("SELECT " + COLUMNS + " FROM reservation WHERE user_id = :userId AND idempotency_key = :key")
            .bind("userId", userId)
            .bind("key", key)
            .map(ReservationRepository::reservation)
            .one();
    }

    Flux<Reservation> mine(long userId, long beforeId, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM reservation WHERE user_id = :userId AND id < :before ORDER BY id DESC LIMIT :limit")
            .bind("userId", userId)
            .bind("before", beforeId)
            .bind("limit", limit)
            .map(ReservationRepository::reservation)
            .all();
    }

    Flux<ReservationView.SeatRef> seatsOf(long reservationId) {
        return db.sql("""
                SELECT s.id, s.section, s.row_no, s.seat_no FROM reservation_seat rs JOIN seat s ON s.id = rs.seat_id
                WHERE rs.reservation_id = :id ORDER BY s.id""")
            .bind("id", reservationId)
            .map(row -> new ReservationView.SeatRef(row.get("id", Long.class), row.get("section", String.class),
                row.get("row_no", Integer.class), row.get("seat_no", Integer.class)))
            .all();
    }

    /** Moves a reservation from one status to another if, and only if, it is still in the first. */
    Mono<Boolean> transition(long id, ReservationStatus from, ReservationStatus to, Instant now) {
        return db.sql("UPDATE reservation SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
            .bind("to", to.name())
            .bind("now", utc(now))
            .bind("id", id)
            .bind("from", from.name())
            .fetch()
            .rowsUpdated()
            .map(n -> n == 1);
    }

    /** Confirms a hold that has not expired yet. */
    Mono<Boolean> confirm(long id, Instant now) {
        return db.sql("UPDATE reservation SET status = 'CONFIRMED', updated_at = :now WHERE id = :id AND status = 'HELD' AND hold_expires_at > :now")
            .bind("now", utc(now))
            .bind("id", id)
            .fetch()
            .rowsUpdated()
            .map(n -> n == 1);
    }

    Mono<Long> sellSeats(long reservationId) {
        return db.sql("UPDATE seat SET status = 'SOLD' WHERE reservation_id = :id AND status = 'HELD'")
            .bind("id", reservationId)
            .fetch()
            .rowsUpdated();
    }

    /** Reservations in {@code status} (HELD, OFFERED) whose deadline has passed, oldest deadline first. */
    Flux<Reservation> expired(ReservationStatus status, Instant now, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM reservation WHERE status = :status AND hold_expires_at <= :now ORDER BY hold_expires_at LIMIT :limit")
            .bind("status", status.name())
            .bind("now", utc(now))
            .bind("limit", limit)
            .map(ReservationRepository::reservation)
            .all();
    }

    /** Seats the buyer has bought for the event. */
    Mono<Long> boughtSeats(long eventId, long userId) {
        return db.sql("""
                SELECT COUNT(*) FROM reservation r JOIN reservation_seat rs ON rs.reservation_id = r.id
                WHERE r.user_id = :u AND r.event_id = :e AND r.status = 'CONFIRMED'""")
            .bind("u", userId).bind("e", eventId)
            .map(row -> row.get(0, Long.class))
            .one();
    }

    /** The newest reservation's id, 0 before the first. */
    Mono<Long> newestId() {
        return db.sql("SELECT COALESCE(MAX(id), 0) FROM reservation").map(row -> row.get(0, Long.class)).one();
    }

    /** Rows breaking the invariant among the reservations after {@code sinceId}. */
    Mono<Long> violations(Invariant invariant, long sinceId) {
        return db.sql(invariant.sql).bind("since", sinceId).map(row -> row.get(0, Long.class)).one();
    }

    /**
     * What the schema and the conditional updates make impossible, each as a count of the rows
     * breaking it. A reservation is live while it owns its seats: held, bought, or offered to the
     * waiting list (whose seats are held for the offer).
     */
    enum Invariant {
        SEAT_IN_TWO_LIVE_RESERVATIONS("seat in two live reservations", """
            SELECT COUNT(*) FROM reservation_seat rs
            JOIN reservation r ON r.id = rs.reservation_id AND r.status IN ('HELD', 'CONFIRMED', 'OFFERED')
            JOIN reservation_seat other ON other.seat_id = rs.seat_id AND other.reservation_id <> rs.reservation_id
            JOIN reservation o ON o.id = other.reservation_id AND o.status IN ('HELD', 'CONFIRMED', 'OFFERED')
            WHERE rs.reservation_id > :since"""),
        LIVE_RESERVATION_NOT_OWNING_ITS_SEATS("live reservation not owning its seats", """
            SELECT COUNT(*) FROM reservation r
            JOIN reservation_seat rs ON rs.reservation_id = r.id
            JOIN seat s ON s.id = rs.seat_id
            WHERE r.id > :since AND r.status IN ('HELD', 'CONFIRMED', 'OFFERED')
              AND (s.reservation_id IS NULL OR s.reservation_id <> r.id
                   OR s.status <> CASE r.status WHEN 'CONFIRMED' THEN 'SOLD' ELSE 'HELD' END)""");

        /** The metric's {@code rule} tag. */
        final String rule;
        private final String sql;

        Invariant(String rule, String sql) {
            this.rule = rule;
            this.sql = sql;
        }
    }

    private static Reservation reservation(Readable row) {
        Long lane = row.get("lane_id", Long.class);
        return new Reservation(row.get("id", Long.class), row.get("event_id", Long.class), row.get("user_id", Long.class), lane == null ? 0 : lane,
            ReservationStatus.valueOf(row.get("status", String.class)), row.get("hold_expires_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
            row.get("request_hash", String.class));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package io.ticketing.reservation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Every seat state change here is a conditional UPDATE judged by its row count. r2dbc-mysql
 * reports rows matched, not rows changed, which is why every such UPDATE also names the status it
 * moves the seat from: a matched row is then always a changed row.
 */
@Repository
class ReservationRepository {

    private final DatabaseClient db;

    ReservationRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> savepoint(String name) {
        return db.sql("SAVEPOINT " + name).then();
    }

    Mono<Void> rollbackTo(String name) {
        return db.sql("ROLLBACK TO SAVEPOINT " + name).then();
    }

    /**
     * The replaced design's serialisation point, a lock on the event's row; the service never
     * takes it. It serves that design's reproduction in bench/ ({@code EventLockHolds}).
     */
    Mono<Void> lockEvent(long eventId) {
        return db.sql("SELECT id FROM event WHERE id = :id FOR UPDATE").bind("id", eventId).then();
    }

    Mono<Long> insertHeld(HoldRequest hold, Instant expiresAt, Instant now) {
        return db.sql("""
                INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
                VALUES (:eventId, :userId, 'HELD', :expiresAt, :key, :hash, :now, :now)""")
            .bind("eventId", hold.eventId())
            .bind("userId", hold.userId())
            .bind("expiresAt", utc(expiresAt))
            .bind("key", hold.idempotencyKey())
            .bind("hash", hold.requestHash())
            .bind("now", utc(now))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one();
    }

    Flux<Candidate> available(long eventId, int limit) {
        return available(eventId, 0, limit);
    }

    /**
     * Available seats of the event in seat-map order from {@code fromId}, for best-available picks.
     * The (event_id, id) index walks seat rows in place; the (event_id, status, id) index would
     * have to step over an entry for every seat taken since the last purge.
     */
    Flux<Candidate> available(long eventId, long fromId, int limit) {
        return db.sql("""
                SELECT id, section, row_no, seat_no FROM seat FORCE INDEX (ix_seat_event)
                WHERE event_id = :eventId AND id >= :fromId AND status = 'AVAILABLE' ORDER BY id LIMIT :limit""")
            .bind("eventId", eventId)
            .bind("fromId", fromId)
            .bind("limit", limit)
            .map(ReservationRepository::candidate)
            .all();
    }

    /** Takes the seats that are still available; answers how many it took. */
    Mono<Long> holdSeats(long eventId, List<Long> seatIds, long reservationId) {
        return db.sql("UPDATE seat SET status = 'HELD', reservation_id = :reservationId WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE'")
            .bind("reservationId", reservationId)
            .bind("eventId", eventId)
            .bind("ids", seatIds)
            .fetch()
            .rowsUpdated();
    }

    Mono<Void> recordSeats(long reservationId, List<Long> seatIds) {
        return recordSeats(Map.of(reservationId, seatIds));
    }

    /** Remembers which seats each reservation took, all in one multi-row INSERT. */
    Mono<Void> recordSeats(Map<Long, List<Long>> seatsByReservation) {
        StringBuilder sql = new StringBuilder("INSERT INTO reservation_seat (reservation_id, seat_id) VALUES ");
        List<long[]> rows = new ArrayList<>();
        seatsByReservation.forEach((reservation, seats) -> seats.forEach(seat -> rows.add(new long[] {reservation, seat})));
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(:r").append(i).append(", :s").append(i).append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < rows.size(); i++) {
            spec = spec.bind("r" + i, rows.get(i)[0]).bind("s" + i, rows.get(i)[1]);
        }
        return spec.then();
    }

    /** The chosen seats that are not available to this event right now. */
    Flux<Long> unavailable(long eventId, List<Long> seatIds) {
        return db.sql("SELECT id FROM seat WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE'")
            .bind("eventId", eventId)
            .bind("ids", seatIds)
            .map(row -> row.get("id", Long.class))
            .all()
            .collectList()
            .flatMapMany(free -> Flux.fromIterable(seatIds).filter(id -> !free.contains(id)));
    }

    Mono<Reservation> find(long id) {
        return db.sql("SELECT id, event_id, user_id, status, hold_expires_at, request_hash FROM reservation WHERE id = :id")
            .bind("id", id)
            .map(ReservationRepository::reservation)
            .one();
    }

    Mono<Reservation> findByKey(long userId, String key) {
        return db.sql("SELECT id, event_id, user_id, status, hold_expires_at, request_hash FROM reservation WHERE user_id = :userId AND idempotency_key = :key")
            .bind("userId", userId)
            .bind("key", key)
            .map(ReservationRepository::reservation)
            .one();
    }

    Flux<Reservation> mine(long userId, long beforeId, int limit) {
        return db.sql("""
                SELECT id, event_id, user_id, status, hold_expires_at, request_hash FROM reservation
                WHERE user_id = :userId AND id < :before ORDER BY id DESC LIMIT :limit""")
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
    Mono<Boolean> transition(long id, String from, String to, Instant now) {
        return db.sql("UPDATE reservation SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
            .bind("to", to)
            .bind("now", utc(now))
            .bind("id", id)
            .bind("from", from)
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

    Mono<Long> releaseSeats(long reservationId) {
        return db.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE reservation_id = :id AND status = 'HELD'")
            .bind("id", reservationId)
            .fetch()
            .rowsUpdated();
    }

    Flux<Reservation> expiredHolds(Instant now, int limit) {
        return db.sql("""
                SELECT id, event_id, user_id, status, hold_expires_at, request_hash FROM reservation
                WHERE status = 'HELD' AND hold_expires_at <= :now ORDER BY hold_expires_at LIMIT :limit""")
            .bind("now", utc(now))
            .bind("limit", limit)
            .map(ReservationRepository::reservation)
            .all();
    }

    /** The free chosen seats among {@code seatIds}. */
    Flux<Candidate> freeAmong(long eventId, List<Long> seatIds) {
        return db.sql("SELECT id, section, row_no, seat_no FROM seat WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE'")
            .bind("eventId", eventId)
            .bind("ids", seatIds)
            .map(ReservationRepository::candidate)
            .all();
    }

    record Candidate(long id, String section, int row, int number) {

        ReservationView.SeatRef ref() {
            return new ReservationView.SeatRef(id, section, row, number);
        }
    }

    private static Candidate candidate(Readable row) {
        return new Candidate(row.get("id", Long.class), row.get("section", String.class), row.get("row_no", Integer.class),
            row.get("seat_no", Integer.class));
    }

    static List<Long> ids(List<Candidate> candidates) {
        List<Long> ids = new ArrayList<>(candidates.size());
        candidates.forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static Reservation reservation(Readable row) {
        return new Reservation(row.get("id", Long.class), row.get("event_id", Long.class), row.get("user_id", Long.class),
            row.get("status", String.class), row.get("hold_expires_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
            row.get("request_hash", String.class));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

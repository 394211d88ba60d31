package io.ticketing.reservation.hold;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of holds: making reservations, taking seats and buyers' shares, and giving them back.
 * Every seat state change here is a conditional UPDATE judged by its row count. r2dbc-mysql
 * reports rows matched, not rows changed, which is why every such UPDATE also names the status it
 * moves the seat from: a matched row is then always a changed row. Every seat read and seat
 * UPDATE of a hold also names the hold's lane ({@link SeatPool#seatCondition}), in the statement
 * that takes the seat, so no lane sells another's seats whatever the code around it does.
 * <p>
 * The batch statements bind all their values in one call: {@code bind(name, value)} copies every
 * value bound before it, which made binding a batch quadratic in its size.
 */
@Repository
class HoldRepository {

    private final DatabaseClient db;

    HoldRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> savepoint(String name) {
        return db.sql("SAVEPOINT " + name).then();
    }

    Mono<Void> rollbackTo(String name) {
        return db.sql("ROLLBACK TO SAVEPOINT " + name).then();
    }

    Mono<Long> insertHeld(HoldRequest hold, Instant expiresAt, Instant now) {
        return db.sql("""
                INSERT INTO reservation (event_id, user_id, lane_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
                VALUES (:eventId, :userId, NULLIF(:lane, 0), 'HELD', :expiresAt, :key, :hash, :now, :now)""")
            .bind("eventId", hold.eventId())
            .bind("lane", hold.laneId())
            .bind("userId", hold.userId())
            .bind("expiresAt", utc(expiresAt))
            .bind("key", hold.idempotencyKey())
            .bind("hash", hold.requestHash())
            .bind("now", utc(now))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one();
    }

    Flux<Seat> available(SeatPool pool, int limit) {
        return available(pool, 0, limit);
    }

    /**
     * Available seats of the pool in seat-map order from {@code fromId}, for best-available picks.
     * The (event_id, id) index walks seat rows in place; the (event_id, status, id) index would
     * have to step over an entry for every seat taken since the last purge.
     */
    Flux<Seat> available(SeatPool pool, long fromId, int limit) {
        return available(pool, fromId, limit, "");
    }

    /**
     * Available seats that no other transaction is taking right now, locked for this one until it
     * ends: instances racing for the same event take different seats instead of all planning the
     * same first ones, and the UPDATE that follows cannot lose them. Skipped seats may still come
     * free (another transaction may not use all it locked), so a short answer here proves nothing:
     * refusals are decided on {@link #available(SeatPool, long, int)}.
     */
    Flux<Seat> claim(SeatPool pool, long fromId, int limit) {
        return available(pool, fromId, limit, " FOR UPDATE SKIP LOCKED");
    }

    private Flux<Seat> available(SeatPool pool, long fromId, int limit, String locking) {
        return db.sql("""
                SELECT id, section, row_no, seat_no FROM seat FORCE INDEX (ix_seat_event)
                WHERE event_id = :eventId AND id >= :fromId AND status = 'AVAILABLE' AND %s ORDER BY id LIMIT :limit""".formatted(pool.seatCondition())
                + locking)
            .bind("eventId", pool.eventId())
            .bind("fromId", fromId)
            .bind("limit", limit)
            .map(HoldRepository::seat)
            .all();
    }

    /** Takes the seats that are still available in the pool; answers how many it took. */
    Mono<Long> holdSeats(SeatPool pool, List<Long> seatIds, long reservationId) {
        return db.sql("UPDATE seat SET status = 'HELD', reservation_id = :reservationId"
                + " WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE' AND " + pool.seatCondition())
            .bind("reservationId", reservationId)
            .bind("eventId", pool.eventId())
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
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            values.put("r" + i, rows.get(i)[0]);
            values.put("s" + i, rows.get(i)[1]);
        }
        return db.sql(sql.toString()).bindValues(values).then();
    }

    /**
     * The chosen seats that are not available to this pool right now: taken, of another lane, or not
     * seats of this event. A locking read sees the latest commit, as the UPDATE that just missed them
     * did; the transaction's snapshot may not.
     */
    Flux<Long> unavailable(SeatPool pool, List<Long> seatIds) {
        return db.sql("SELECT id FROM seat WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE' AND "
                + pool.seatCondition() + " LOCK IN SHARE MODE")
            .bind("eventId", pool.eventId())
            .bind("ids", seatIds)
            .map(row -> row.get("id", Long.class))
            .all()
            .collectList()
            .flatMapMany(free -> Flux.fromIterable(seatIds).filter(id -> !free.contains(id)));
    }

    /** Puts a held reservation's seats back on sale; answers how many. */
    Mono<Long> releaseSeats(long reservationId) {
        return db.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE reservation_id = :id AND status = 'HELD'")
            .bind("id", reservationId)
            .fetch()
            .rowsUpdated();
    }

    /** The free chosen seats of the pool among {@code seatIds}. */
    Flux<Seat> freeAmong(SeatPool pool, List<Long> seatIds) {
        return db.sql("SELECT id, section, row_no, seat_no FROM seat WHERE event_id = :eventId AND id IN (:ids) AND status = 'AVAILABLE' AND "
                + pool.seatCondition())
            .bind("eventId", pool.eventId())
            .bind("ids", seatIds)
            .map(HoldRepository::seat)
            .all();
    }

    /** A whole batch's reservations in one multi-row INSERT. */
    Mono<Void> insertHeld(List<HoldRequest> holds, Instant expiresAt, Instant now) {
        StringBuilder sql = new StringBuilder("""
            INSERT INTO reservation (event_id, user_id, lane_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at) VALUES """);
        for (int i = 0; i < holds.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(:e, :u").append(i).append(", NULLIF(:lane, 0), 'HELD', :exp, :k").append(i).append(", :h").append(i)
                .append(", :now, :now)");
        }
        // A batch is one pool's (SeatPool): one event, one lane.
        Map<String, Object> values = new HashMap<>(Map.of("e", holds.get(0).eventId(), "lane", holds.get(0).laneId(), "exp", utc(expiresAt),
            "now", utc(now)));
        for (int i = 0; i < holds.size(); i++) {
            values.put("u" + i, holds.get(i).userId());
            values.put("k" + i, holds.get(i).idempotencyKey());
            values.put("h" + i, holds.get(i).requestHash());
        }
        return db.sql(sql.toString()).bindValues(values).then();
    }

    /** The ids of the reservations these holds just inserted. */
    Mono<Map<HoldRequest, Long>> reservationIds(List<HoldRequest> holds) {
        // Two plain IN lists walk the (user_id, idempotency_key) unique index; a row-constructor IN
        // would not on every engine. The cross product's strays are dropped below.
        Map<String, HoldRequest> byKey = new HashMap<>();
        holds.forEach(hold -> byKey.put(hold.userId() + "/" + hold.idempotencyKey(), hold));
        return db.sql("SELECT id, user_id, idempotency_key FROM reservation WHERE user_id IN (:users) AND idempotency_key IN (:keys)")
            .bind("users", holds.stream().map(HoldRequest::userId).distinct().toList())
            .bind("keys", holds.stream().map(HoldRequest::idempotencyKey).distinct().toList())
            .map(row -> Map.entry(row.get("user_id", Long.class) + "/" + row.get("idempotency_key", String.class), row.get("id", Long.class)))
            .all()
            .filter(entry -> byKey.containsKey(entry.getKey()))
            .collectMap(entry -> byKey.get(entry.getKey()), Map.Entry::getValue);
    }

    /** Takes each seat of the pool for its reservation in one conditional UPDATE; answers how many it took. */
    Mono<Long> holdSeats(SeatPool pool, Map<Long, Long> reservationBySeat) {
        StringBuilder owner = new StringBuilder("CASE id");
        for (int n = 0; n < reservationBySeat.size(); n++) {
            owner.append(" WHEN :s").append(n).append(" THEN :r").append(n);
        }
        Map<String, Object> values = new HashMap<>(Map.of("e", pool.eventId(), "ids", List.copyOf(reservationBySeat.keySet())));
        int n = 0;
        for (var seat : reservationBySeat.entrySet()) {
            values.put("s" + n, seat.getKey());
            values.put("r" + n, seat.getValue());
            n++;
        }
        return db.sql("UPDATE seat SET status = 'HELD', reservation_id = " + owner + " END"
                + " WHERE event_id = :e AND id IN (:ids) AND status = 'AVAILABLE' AND " + pool.seatCondition())
            .bindValues(values).fetch().rowsUpdated();
    }

    /**
     * Adds each buyer's seats to their share of the event, for every buyer or none that would go
     * over {@code max}: answers how many buyers' shares it took (all of them, or the caller must undo).
     */
    Mono<Long> takeShares(long eventId, Map<Long, Integer> seatsByUser, int max) {
        List<Long> users = List.copyOf(seatsByUser.keySet());
        StringBuilder rows = new StringBuilder();
        StringBuilder added = new StringBuilder("CASE user_id");
        for (int i = 0; i < users.size(); i++) {
            rows.append(i == 0 ? "" : ",").append("(:e, :u").append(i).append(", 0)");
            added.append(" WHEN :u").append(i).append(" THEN :n").append(i);
        }
        added.append(" END");
        // A share row exists from the buyer's first hold on; the no-op update only makes sure of it.
        Map<String, Object> ensured = new HashMap<>(Map.of("e", eventId));
        Map<String, Object> taken = new HashMap<>(Map.of("e", eventId, "users", users, "max", max));
        for (int i = 0; i < users.size(); i++) {
            ensured.put("u" + i, users.get(i));
            taken.put("u" + i, users.get(i));
            taken.put("n" + i, seatsByUser.get(users.get(i)));
        }
        return db.sql("INSERT INTO buyer_share (event_id, user_id, seats) VALUES " + rows + " ON DUPLICATE KEY UPDATE seats = seats")
            .bindValues(ensured).then()
            .then(db.sql("UPDATE buyer_share SET seats = seats + " + added + " WHERE event_id = :e AND user_id IN (:users) AND seats + "
                + added + " <= :max").bindValues(taken).fetch().rowsUpdated());
    }

    /** Seats the buyer still holds or has bought for the event. */
    Mono<Integer> share(long eventId, long userId) {
        return db.sql("SELECT seats FROM buyer_share WHERE event_id = :e AND user_id = :u")
            .bind("e", eventId).bind("u", userId)
            .map(row -> row.get("seats", Integer.class))
            .one()
            .defaultIfEmpty(0);
    }

    /** A held reservation's seats go back on sale, and back in its buyer's share. */
    Mono<Void> giveBack(long reservationId, long eventId, long userId) {
        return releaseSeats(reservationId).flatMap(seats -> giveBackShare(eventId, userId, seats));
    }

    /** A released hold's seats go back to its buyer's share. */
    private Mono<Void> giveBackShare(long eventId, long userId, long seats) {
        return db.sql("UPDATE buyer_share SET seats = seats - :n WHERE event_id = :e AND user_id = :u AND seats >= :n")
            .bind("n", seats).bind("e", eventId).bind("u", userId)
            .then();
    }

    /** The lowest seat a held reservation owns, with the pool it is in, before its seats are released. */
    Mono<PooledSeat> lowestSeat(long reservationId, long eventId) {
        return db.sql("SELECT id, lane_id FROM seat WHERE reservation_id = :id ORDER BY id LIMIT 1")
            .bind("id", reservationId)
            .map(row -> {
                Long laneId = row.get("lane_id", Long.class);
                return new PooledSeat(new SeatPool(eventId, laneId == null ? SeatPool.PUBLIC : laneId), row.get("id", Long.class));
            })
            .one();
    }

    record PooledSeat(SeatPool pool, long id) {
    }

    /**
     * Removes a held reservation as if it had never been made: its seats back on sale, its rows
     * gone (reservation_seat by cascade). For a hold whose caller gave up before it committed.
     */
    Mono<Void> forget(long reservationId, long eventId, long userId) {
        return giveBack(reservationId, eventId, userId)
            .then(db.sql("DELETE FROM reservation WHERE id = :id AND status = 'HELD'").bind("id", reservationId).then());
    }

    private static Seat seat(Readable row) {
        return new Seat(row.get("id", Long.class), row.get("section", String.class), row.get("row_no", Integer.class),
            row.get("seat_no", Integer.class));
    }

    static List<Long> ids(List<Seat> candidates) {
        List<Long> ids = new ArrayList<>(candidates.size());
        candidates.forEach(c -> ids.add(c.id()));
        return ids;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

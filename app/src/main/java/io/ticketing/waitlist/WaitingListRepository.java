package io.ticketing.waitlist;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class WaitingListRepository {

    private final DatabaseClient db;

    WaitingListRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Adds the entry unless the user is on the event's list already; answers whether it was added. */
    Mono<Boolean> insertIfAbsent(long eventId, long userId, long lineTicket, boolean shadow, Instant joinedAt) {
        return db.sql("""
                INSERT IGNORE INTO waiting_list_entry (event_id, user_id, line_ticket, shadow, joined_at)
                VALUES (:eventId, :userId, :ticket, :shadow, :joinedAt)""")
            .bind("eventId", eventId)
            .bind("userId", userId)
            .bind("ticket", lineTicket)
            .bind("shadow", shadow)
            .bind("joinedAt", LocalDateTime.ofInstant(joinedAt, ZoneOffset.UTC))
            .fetch().rowsUpdated()
            .map(rows -> rows == 1);
    }

    Mono<Long> delete(long eventId, long userId) {
        return db.sql("DELETE FROM waiting_list_entry WHERE event_id = :eventId AND user_id = :userId")
            .bind("eventId", eventId)
            .bind("userId", userId)
            .fetch().rowsUpdated();
    }

    /**
     * The user's place: 1 + the real entries ahead in the line's order (ticket, then user id). An
     * entry from the infinite line is told the place it would have, and is never counted ahead of anyone.
     */
    Mono<Place> place(long eventId, long userId) {
        return db.sql("""
                SELECT w.joined_at,
                       (SELECT COUNT(*) FROM waiting_list_entry a
                        WHERE a.event_id = w.event_id AND a.shadow = FALSE
                          AND (a.line_ticket < w.line_ticket OR (a.line_ticket = w.line_ticket AND a.user_id < w.user_id))) AS ahead
                FROM waiting_list_entry w
                WHERE w.event_id = :eventId AND w.user_id = :userId""")
            .bind("eventId", eventId)
            .bind("userId", userId)
            .map(row -> new Place(row.get("ahead", Long.class) + 1, row.get("joined_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
            .one();
    }

    record Place(long position, Instant joinedAt) {
    }
}

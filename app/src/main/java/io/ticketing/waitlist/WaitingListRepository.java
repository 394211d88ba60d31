package io.ticketing.waitlist;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
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
                SELECT w.joined_at, w.offer_id,
                       (SELECT COUNT(*) FROM waiting_list_entry a
                        WHERE a.event_id = w.event_id AND a.shadow = FALSE
                          AND (a.line_ticket < w.line_ticket OR (a.line_ticket = w.line_ticket AND a.user_id < w.user_id))) AS ahead
                FROM waiting_list_entry w
                WHERE w.event_id = :eventId AND w.user_id = :userId""")
            .bind("eventId", eventId)
            .bind("userId", userId)
            .map(row -> new Place(row.get("ahead", Long.class) + 1, row.get("joined_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                row.get("offer_id", Long.class)))
            .one();
    }

    /**
     * The events whose list has a real entry not yet offered seats. A loose index scan of
     * ix_waiting_list_unoffered: one step per such event, however long its list, and nothing for
     * the events whose every entry was offered.
     */
    Flux<Long> eventsWithUnoffered() {
        return db.sql("SELECT event_id FROM waiting_list_entry WHERE offer_id IS NULL AND shadow = FALSE GROUP BY offer_id, shadow, event_id")
            .map(row -> row.get("event_id", Long.class))
            .all();
    }

    /**
     * The first real entry in the list's order not yet offered seats, locked for this transaction,
     * except users in {@code passedOver}. It waits for an entry another transaction has locked
     * rather than skip it: that one may yet be offered nothing (no seat left for it), and the seat
     * must not go to the entry behind it meanwhile. Read committed, the entries offered since are
     * passed as soon as their lock is released.
     */
    Mono<Long> lockNext(long eventId, Collection<Long> passedOver) {
        // The list's order index walks entries in order and stops at the first: the unoffered index would sort them all.
        DatabaseClient.GenericExecuteSpec next = db.sql("""
                SELECT user_id FROM waiting_list_entry FORCE INDEX (ix_waiting_list_order)
                WHERE event_id = :eventId AND shadow = FALSE AND offer_id IS NULL"""
                + (passedOver.isEmpty() ? "" : " AND user_id NOT IN (:passedOver)")
                + " ORDER BY line_ticket, user_id LIMIT 1 FOR UPDATE")
            .bind("eventId", eventId);
        return (passedOver.isEmpty() ? next : next.bind("passedOver", List.copyOf(passedOver)))
            .map(row -> row.get("user_id", Long.class))
            .one();
    }

    /** The entry got offer {@code offerId}; false when it had one already. */
    Mono<Boolean> markOffered(long eventId, long userId, long offerId) {
        return db.sql("UPDATE waiting_list_entry SET offer_id = :offerId WHERE event_id = :eventId AND user_id = :userId AND offer_id IS NULL")
            .bind("offerId", offerId)
            .bind("eventId", eventId)
            .bind("userId", userId)
            .fetch().rowsUpdated()
            .map(rows -> rows == 1);
    }

    /** Real entries not yet offered seats. */
    Mono<Long> waiting(long eventId) {
        return db.sql("SELECT COUNT(*) FROM waiting_list_entry WHERE offer_id IS NULL AND shadow = FALSE AND event_id = :eventId")
            .bind("eventId", eventId)
            .map(row -> row.get(0, Long.class))
            .one();
    }

    /** @param offerId the offer the entry got, null before it got one */
    record Place(long position, Instant joinedAt, Long offerId) {
    }
}

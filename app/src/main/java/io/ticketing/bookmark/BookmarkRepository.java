package io.ticketing.bookmark;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class BookmarkRepository {

    private final DatabaseClient db;

    BookmarkRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> insert(long userId, long eventId, Instant createdAt) {
        return db.sql("INSERT INTO bookmark (user_id, event_id, created_at) VALUES (:userId, :eventId, :createdAt)")
            .bind("userId", userId)
            .bind("eventId", eventId)
            .bind("createdAt", LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
            .fetch()
            .rowsUpdated();
    }

    Mono<Long> delete(long userId, long eventId) {
        return db.sql("DELETE FROM bookmark WHERE user_id = :userId AND event_id = :eventId")
            .bind("userId", userId)
            .bind("eventId", eventId)
            .fetch()
            .rowsUpdated();
    }

    Flux<BookmarkView> page(long userId, long afterEventId, int limit) {
        return db.sql("""
                SELECT b.event_id, b.created_at, e.name, e.venue, e.starts_at
                FROM bookmark b JOIN event e ON e.id = b.event_id
                WHERE b.user_id = :userId AND b.event_id > :after
                ORDER BY b.event_id LIMIT :limit""")
            .bind("userId", userId)
            .bind("after", afterEventId)
            .bind("limit", limit)
            .map(row -> new BookmarkView(
                row.get("event_id", Long.class),
                row.get("name", String.class),
                row.get("venue", String.class),
                row.get("starts_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
            .all();
    }
}

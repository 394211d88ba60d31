package io.ticketing.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class EventRepository {

    private static final String COLUMNS = "id, name, venue, starts_at, sales_open_at, sales_close_at, capacity";

    private final DatabaseClient db;

    EventRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> insert(String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt,
                      int capacity, Instant createdAt) {
        return db.sql("""
                INSERT INTO event (name, venue, starts_at, sales_open_at, sales_close_at, capacity, created_at)
                VALUES (:name, :venue, :startsAt, :salesOpenAt, :salesCloseAt, :capacity, :createdAt)""")
            .bind("name", name)
            .bind("venue", venue)
            .bind("startsAt", utc(startsAt))
            .bind("salesOpenAt", utc(salesOpenAt))
            .bind("salesCloseAt", utc(salesCloseAt))
            .bind("capacity", capacity)
            .bind("createdAt", utc(createdAt))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one();
    }

    Mono<Void> insertSections(long eventId, List<Section> sections) {
        return Flux.range(0, sections.size())
            .concatMap(i -> db.sql("INSERT INTO event_section (event_id, position, name, row_count, seats_per_row) VALUES (:eventId, :position, :name, :rows, :seatsPerRow)")
                .bind("eventId", eventId)
                .bind("position", i)
                .bind("name", sections.get(i).name())
                .bind("rows", sections.get(i).rows())
                .bind("seatsPerRow", sections.get(i).seatsPerRow())
                .fetch()
                .rowsUpdated())
            .then();
    }

    Mono<Event> findById(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM event WHERE id = :id")
            .bind("id", id)
            .map(EventRepository::event)
            .one();
    }

    Flux<Section> sections(long eventId) {
        return db.sql("SELECT name, row_count, seats_per_row FROM event_section WHERE event_id = :eventId ORDER BY position")
            .bind("eventId", eventId)
            .map(row -> new Section(row.get("name", String.class), row.get("row_count", Integer.class), row.get("seats_per_row", Integer.class)))
            .all();
    }

    /** Events starting at or after {@code from}, by start time; the first page when {@code after} is null. */
    Flux<Event> byStartTime(Instant from, StartKey after, int limit) {
        if (after == null) {
            return db.sql("SELECT " + COLUMNS + " FROM event WHERE starts_at >= :from ORDER BY starts_at, id LIMIT :limit")
                .bind("from", utc(from))
                .bind("limit", limit)
                .map(EventRepository::event)
                .all();
        }
        // "a >= k AND (a > k OR id > i)" rather than a row comparison: every engine turns it into an index range.
        return db.sql("""
                SELECT %s FROM event
                WHERE starts_at >= :startsAt AND (starts_at > :startsAt OR id > :id)
                ORDER BY starts_at, id LIMIT :limit""".formatted(COLUMNS))
            .bind("startsAt", utc(after.startsAt()))
            .bind("id", after.id())
            .bind("limit", limit)
            .map(EventRepository::event)
            .all();
    }

    /** Upcoming events whose name starts with {@code prefix} (case-insensitive), by name. */
    Flux<Event> byNamePrefix(String prefix, Instant from, NameKey after, int limit) {
        String pattern = escapeLike(prefix) + "%";
        if (after == null) {
            return db.sql("SELECT " + COLUMNS + " FROM event WHERE name LIKE :pattern AND starts_at >= :from ORDER BY name, id LIMIT :limit")
                .bind("pattern", pattern)
                .bind("from", utc(from))
                .bind("limit", limit)
                .map(EventRepository::event)
                .all();
        }
        return db.sql("""
                SELECT %s FROM event
                WHERE name LIKE :pattern AND starts_at >= :from
                  AND name >= :name AND (name > :name OR id > :id)
                ORDER BY name, id LIMIT :limit""".formatted(COLUMNS))
            .bind("pattern", pattern)
            .bind("from", utc(from))
            .bind("name", after.name())
            .bind("id", after.id())
            .bind("limit", limit)
            .map(EventRepository::event)
            .all();
    }

    record StartKey(Instant startsAt, long id) {
    }

    record NameKey(String name, long id) {
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Event event(Readable row) {
        return new Event(
            row.get("id", Long.class),
            row.get("name", String.class),
            row.get("venue", String.class),
            instant(row, "starts_at"),
            instant(row, "sales_open_at"),
            instant(row, "sales_close_at"),
            row.get("capacity", Integer.class));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}

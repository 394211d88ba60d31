package io.ticketing.queue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The SQL of the waiting room's settings, their schedule and their change log (V5__queue_settings.sql). */
@Repository
class QueueSettingsRepository {

    private static final String COLUMNS = "admission_rate, max_active, paused, mode, message, challenge_bits, version";

    private final DatabaseClient db;

    QueueSettingsRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The event's settings and their version, without the schedule; empty when nobody changed them yet. */
    Mono<Versioned> find(long eventId) {
        return db.sql("SELECT " + COLUMNS + " FROM queue_settings WHERE event_id = :eventId")
            .bind("eventId", eventId)
            .map(QueueSettingsRepository::versioned)
            .one();
    }

    /** The same, row-locked until the transaction ends: the one way changes to an event's settings queue up. */
    Mono<Versioned> lock(long eventId) {
        return db.sql("SELECT " + COLUMNS + " FROM queue_settings WHERE event_id = :eventId FOR UPDATE")
            .bind("eventId", eventId)
            .map(QueueSettingsRepository::versioned)
            .one();
    }

    /** Writes {@code defaults} at version 0 unless the event has settings already. */
    Mono<Long> insertIfAbsent(long eventId, QueueSettings defaults, Instant now) {
        return bindSettings(db.sql("""
                INSERT IGNORE INTO queue_settings (event_id, admission_rate, max_active, paused, mode, message, challenge_bits, version, updated_at)
                VALUES (:eventId, :rate, :maxActive, :paused, :mode, :message, :bits, 0, :now)"""), defaults)
            .bind("eventId", eventId)
            .bind("now", utc(now))
            .fetch().rowsUpdated();
    }

    Mono<Long> update(long eventId, QueueSettings settings, long version, Instant now) {
        return bindSettings(db.sql("""
                UPDATE queue_settings SET admission_rate = :rate, max_active = :maxActive, paused = :paused, mode = :mode,
                    message = :message, challenge_bits = :bits, version = :version, updated_at = :now
                WHERE event_id = :eventId"""), settings)
            .bind("eventId", eventId)
            .bind("version", version)
            .bind("now", utc(now))
            .fetch().rowsUpdated();
    }

    Flux<QueueSettings.ScheduledMode> schedule(long eventId) {
        return db.sql("SELECT mode, starts_at, ends_at FROM queue_schedule WHERE event_id = :eventId ORDER BY starts_at")
            .bind("eventId", eventId)
            .map(row -> new QueueSettings.ScheduledMode(QueueMode.valueOf(row.get("mode", String.class)),
                instant(row, "starts_at"), instant(row, "ends_at")))
            .all();
    }

    /** Replaces the event's whole schedule with {@code windows}. */
    Mono<Void> replaceSchedule(long eventId, List<QueueSettings.ScheduledMode> windows) {
        return db.sql("DELETE FROM queue_schedule WHERE event_id = :eventId").bind("eventId", eventId).fetch().rowsUpdated()
            .thenMany(Flux.fromIterable(windows).concatMap(window -> db.sql("""
                    INSERT INTO queue_schedule (event_id, mode, starts_at, ends_at) VALUES (:eventId, :mode, :from, :to)""")
                .bind("eventId", eventId)
                .bind("mode", window.mode().name())
                .bind("from", utc(window.from()))
                .bind("to", utc(window.to()))
                .fetch().rowsUpdated()))
            .then();
    }

    Mono<Long> logChange(long eventId, long changedBy, Instant at, String before, String after) {
        return db.sql("""
                INSERT INTO queue_setting_change (event_id, changed_by, changed_at, before_json, after_json)
                VALUES (:eventId, :changedBy, :at, :before, :after)""")
            .bind("eventId", eventId)
            .bind("changedBy", changedBy)
            .bind("at", utc(at))
            .bind("before", before)
            .bind("after", after)
            .fetch().rowsUpdated();
    }

    /** The event's newest changes first, with who made them. */
    Flux<LoggedChange> changes(long eventId, int limit) {
        return db.sql("""
                SELECT c.id, c.changed_by, u.email, c.changed_at, c.before_json, c.after_json
                FROM queue_setting_change c JOIN app_user u ON u.id = c.changed_by
                WHERE c.event_id = :eventId ORDER BY c.id DESC LIMIT :limit""")
            .bind("eventId", eventId)
            .bind("limit", limit)
            .map(row -> new LoggedChange(row.get("id", Long.class), row.get("changed_by", Long.class), row.get("email", String.class),
                instant(row, "changed_at"), row.get("before_json", String.class), row.get("after_json", String.class)))
            .all();
    }

    private static DatabaseClient.GenericExecuteSpec bindSettings(DatabaseClient.GenericExecuteSpec spec, QueueSettings settings) {
        spec = spec.bind("rate", settings.admissionRatePerSecond())
            .bind("maxActive", settings.maxActive())
            .bind("paused", settings.paused())
            .bind("mode", settings.mode().name())
            .bind("bits", settings.challengeBits());
        return settings.message() == null ? spec.bindNull("message", String.class) : spec.bind("message", settings.message());
    }

    private static Versioned versioned(Readable row) {
        return new Versioned(new QueueSettings(row.get("admission_rate", Integer.class), row.get("max_active", Integer.class),
            Boolean.TRUE.equals(row.get("paused", Boolean.class)), QueueMode.valueOf(row.get("mode", String.class)), row.get("message", String.class),
            row.get("challenge_bits", Integer.class), List.of()), row.get("version", Long.class));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** Stored settings and how many changes made them. */
    record Versioned(QueueSettings settings, long version) {
    }

    /** One change as logged: the settings before and after, as JSON. */
    record LoggedChange(long id, long changedBy, String changedByEmail, Instant changedAt, String before, String after) {
    }
}

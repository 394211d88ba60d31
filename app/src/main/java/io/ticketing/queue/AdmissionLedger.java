package io.ticketing.queue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The SQL of the ledger of admissions (V12__admission_ledger.sql). */
@Repository
class AdmissionLedger {

    private final DatabaseClient db;

    AdmissionLedger(DatabaseClient db) {
        this.db = db;
    }

    /** A buyer let in from the line at {@code place} (0: straight in). */
    record Admitted(long userId, long place) {
    }

    /** An admission as the ledger keeps it; {@code inside} false once its buyer freed the slot (bought part of their share). */
    record Admission(long userId, long place, Instant expiresAt, boolean inside) {
    }

    /**
     * Records {@code admitted}, let in from {@code room} at {@code at} until {@code until}, in one
     * statement; a buyer whose admission is still running at {@code at}, slot and all, keeps it,
     * ticket and end.
     */
    Mono<Long> record(Room room, List<Admitted> admitted, Instant at, Instant until) {
        String rows = IntStream.range(0, admitted.size())
            .mapToObj(i -> "(:event, :lane, :user" + i + ", :place" + i + ", :at, :until)")
            .collect(Collectors.joining(", "));
        // Left to right, each test reads the old expires_at and released_at: they are the last columns assigned.
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO admission (event_id, lane_id, user_id, place, admitted_at, expires_at) VALUES "
                + rows + """
                 ON DUPLICATE KEY UPDATE place = IF(expires_at > :at AND released_at IS NULL, place, VALUES(place)),
                    admitted_at = IF(expires_at > :at AND released_at IS NULL, admitted_at, VALUES(admitted_at)),
                    expires_at = IF(expires_at > :at AND released_at IS NULL, expires_at, VALUES(expires_at)),
                    released_at = NULL""")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .bind("at", utc(at))
            .bind("until", utc(until));
        for (int i = 0; i < admitted.size(); i++) {
            spec = spec.bind("user" + i, admitted.get(i).userId()).bind("place" + i, admitted.get(i).place());
        }
        return spec.fetch().rowsUpdated();
    }

    /** The admissions of these users from {@code room}, as recorded, ended or not. */
    Flux<Admission> find(Room room, List<Long> userIds) {
        return db.sql("SELECT user_id, place, expires_at, released_at FROM admission WHERE event_id = :event AND lane_id = :lane AND user_id IN (:users)")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .bind("users", userIds)
            .map(AdmissionLedger::admission)
            .all();
    }

    /** The admissions from {@code room} still running at {@code now}, their buyers inside. */
    Flux<Admission> running(Room room, Instant now) {
        return db.sql("""
                SELECT user_id, place, expires_at, released_at FROM admission
                WHERE event_id = :event AND lane_id = :lane AND expires_at > :now AND released_at IS NULL""")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .bind("now", utc(now))
            .map(AdmissionLedger::admission)
            .all();
    }

    /** Whether anyone was ever admitted from {@code room}. */
    Mono<Boolean> any(Room room) {
        return db.sql("SELECT 1 FROM admission WHERE event_id = :event AND lane_id = :lane LIMIT 1")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .map(row -> true)
            .one()
            .defaultIfEmpty(false);
    }

    /** Ends the user's admission from {@code room} at {@code now}, if it was still running. */
    Mono<Long> end(Room room, long userId, Instant now) {
        return db.sql("UPDATE admission SET expires_at = :now WHERE event_id = :event AND lane_id = :lane AND user_id = :user AND expires_at > :now")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .bind("user", userId)
            .bind("now", utc(now))
            .fetch().rowsUpdated();
    }

    /** The buyer bought part of their share at {@code now}: their slot under maxActive is free, their pass goes on. */
    Mono<Long> release(Room room, long userId, Instant now) {
        return db.sql("""
                UPDATE admission SET released_at = :now
                WHERE event_id = :event AND lane_id = :lane AND user_id = :user AND expires_at > :now AND released_at IS NULL""")
            .bind("event", room.eventId())
            .bind("lane", room.lane())
            .bind("user", userId)
            .bind("now", utc(now))
            .fetch().rowsUpdated();
    }

    private static Admission admission(Readable row) {
        return new Admission(row.get("user_id", Long.class), row.get("place", Long.class),
            row.get("expires_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), row.get("released_at", LocalDateTime.class) == null);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

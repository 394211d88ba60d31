package io.ticketing.lane;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** TEMPORARY stand-in until the lane-seats branch lands (its LaneSales replaces this file). */
@Component
public class LaneSales {

    private final DatabaseClient db;

    LaneSales(DatabaseClient db) {
        this.db = db;
    }

    public Mono<LaneSale> sale(long eventId, long laneId) {
        return db.sql("""
                SELECT l.id, l.name, l.opens_at, l.closes_at, l.returns_unsold_at,
                       CAST((SELECT COUNT(*) FROM seat s WHERE s.lane_id = l.id AND s.status IN ('AVAILABLE', 'HELD')) AS SIGNED) AS purchasable
                FROM lane l WHERE l.id = :laneId AND l.event_id = :eventId""")
            .bind("laneId", laneId).bind("eventId", eventId)
            .map(row -> new LaneSale(row.get("id", Long.class), row.get("name", String.class), instant(row.get("opens_at", LocalDateTime.class)),
                instant(row.get("closes_at", LocalDateTime.class)), instant(row.get("returns_unsold_at", LocalDateTime.class)),
                row.get("purchasable", Long.class).intValue()))
            .one();
    }

    public Mono<Void> seatsChanged(long laneId) {
        return Mono.empty();
    }

    private static Instant instant(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }

    public record LaneSale(long laneId, String name, Instant opensAt, Instant closesAt, Instant returnsUnsoldAt, int purchasable) {
    }
}

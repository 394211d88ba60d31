package io.ticketing.event;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class SeatRepository {

    private final DatabaseClient db;

    SeatRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Generates every seat of the event's sections (already inserted) in one INSERT ... SELECT
     * against a 1..1000 number table: the server builds a 50,000-seat venue without a single row
     * crossing the network. Runs inside the caller's transaction.
     */
    Mono<Long> insertAll(long eventId) {
        return db.sql("""
                INSERT INTO seat (event_id, section, row_no, seat_no)
                SELECT s.event_id, s.name, r.n, c.n
                FROM event_section s
                JOIN seq_number r ON r.n <= s.row_count
                JOIN seq_number c ON c.n <= s.seats_per_row
                WHERE s.event_id = :eventId
                ORDER BY s.position, r.n, c.n""")
            .bind("eventId", eventId)
            .fetch()
            .rowsUpdated();
    }

    /**
     * The event's seats by status as the public sale sees them: available and held seats of the
     * public lane only, since a presale lane's seats are not for sale to the public line, which must
     * hear "sold out" when only those are left; sold seats of every lane, since a sale is a sale.
     * Seats held for an offer to the waiting list are neither: they are one listed buyer's to take,
     * and a line that counted them would reopen to new arrivals while the list is served.
     * All seats less the lanes' unsold ones, rather than a filter on lane_id: each side is then read
     * from an index alone, (event_id, status) and (lane_id, status), without visiting a seat row.
     */
    Mono<SeatCounts> counts(long eventId) {
        return db.sql("""
                SELECT status, CAST(SUM(n) AS SIGNED) AS n FROM (
                    SELECT status, COUNT(*) AS n FROM seat WHERE event_id = :eventId GROUP BY status
                    UNION ALL
                    SELECT s.status, -COUNT(*) FROM lane l JOIN seat s ON s.lane_id = l.id
                    WHERE l.event_id = :eventId AND s.status <> 'SOLD' GROUP BY s.status
                    UNION ALL
                    SELECT s.status, -COUNT(*) FROM reservation r JOIN seat s ON s.reservation_id = r.id
                    WHERE r.status = 'OFFERED' AND r.event_id = :eventId AND s.lane_id IS NULL GROUP BY s.status) counted
                GROUP BY status""")
            .bind("eventId", eventId)
            .map(row -> new StatusCount(SeatStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class).intValue()))
            .all()
            .reduce(new SeatCounts(0, 0, 0), (counts, n) -> counts.plus(n.status(), n.count()));
    }

    Flux<SeatView> page(long eventId, SeatStatus status, long afterId, int limit) {
        String filter = status == null ? "" : " AND status = :status";
        DatabaseClient.GenericExecuteSpec spec = db.sql(
                "SELECT id, section, row_no, seat_no, status, lane_id FROM seat WHERE event_id = :eventId" + filter
                    + " AND id > :afterId ORDER BY id LIMIT :limit")
            .bind("eventId", eventId)
            .bind("afterId", afterId)
            .bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status.name());
        }
        return spec.map(row -> new SeatView(
                row.get("id", Long.class),
                row.get("section", String.class),
                row.get("row_no", Integer.class),
                row.get("seat_no", Integer.class),
                SeatStatus.valueOf(row.get("status", String.class)),
                row.get("lane_id", Long.class)))
            .all();
    }

    private record StatusCount(SeatStatus status, int count) {
    }
}

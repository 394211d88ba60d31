package io.ticketing.reservation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The sale's invariants, read straight from the database: no seat sold twice, held + sold within
 * capacity, every live reservation owns exactly the seats it lists, every buyer's share counts
 * exactly their held and bought seats.
 */
public final class Invariants {

    private Invariants() {
    }

    public static Report check(DatabaseClient db, List<Long> events) {
        Map<String, Long> violations = new LinkedHashMap<>();
        for (long event : events) {
            violations.merge("seats in two live reservations", count(db, """
                SELECT COUNT(*) FROM (SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
                WHERE r.event_id = :e AND r.status IN ('HELD', 'CONFIRMED') GROUP BY rs.seat_id HAVING COUNT(*) > 1) x""", event), Long::sum);
            violations.merge("held + sold over capacity", count(db, """
                SELECT COUNT(*) FROM event e WHERE e.id = :e
                AND (SELECT COUNT(*) FROM seat s WHERE s.event_id = e.id AND s.status <> 'AVAILABLE') > e.capacity""", event), Long::sum);
            violations.merge("live reservation seats not owned by it", count(db, """
                SELECT COUNT(*) FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id JOIN seat s ON s.id = rs.seat_id
                WHERE r.event_id = :e AND r.status IN ('HELD', 'CONFIRMED') AND (s.reservation_id IS NULL OR s.reservation_id <> r.id)""", event), Long::sum);
            violations.merge("taken seats without a live reservation", count(db, """
                SELECT COUNT(*) FROM seat s LEFT JOIN reservation r ON r.id = s.reservation_id
                WHERE s.event_id = :e AND s.status <> 'AVAILABLE' AND (r.id IS NULL OR r.status NOT IN ('HELD', 'CONFIRMED'))""", event), Long::sum);
            violations.merge("buyer shares that miscount their seats", count(db, """
                SELECT COUNT(*) FROM buyer_share b WHERE b.event_id = :e AND b.seats <> (SELECT COUNT(*) FROM seat s
                JOIN reservation r ON r.id = s.reservation_id WHERE r.event_id = b.event_id AND r.user_id = b.user_id)""", event), Long::sum);
        }
        return new Report(events.size(), violations);
    }

    private static long count(DatabaseClient db, String sql, long event) {
        return db.sql(sql).bind("e", event).map(row -> row.get(0, Long.class)).one().block();
    }

    public record Report(int events, Map<String, Long> violations) {

        public boolean clean() {
            return violations.values().stream().allMatch(n -> n == 0);
        }

        public void print() {
            System.out.printf("invariants over %d events: %s %s%n", events, clean() ? "OK" : "VIOLATED", violations);
        }
    }
}

package io.ticketing.loadtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sale's invariants, read straight from the database after a run. Each rule is one query
 * counting the rows that break it, so a report names the rule and how often it broke.
 */
final class Invariants {

    /** Rule name → SQL counting violations for one event (bound as the only parameter). */
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put("seat in two live reservations (sold twice)", """
            SELECT COUNT(*) FROM (SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
                                  WHERE r.event_id = ? AND r.status IN ('HELD', 'CONFIRMED')
                                  GROUP BY rs.seat_id HAVING COUNT(*) > 1) twice""");
        RULES.put("held + sold over capacity", """
            SELECT COUNT(*) FROM event e
            WHERE e.id = ? AND (SELECT COUNT(*) FROM seat s WHERE s.event_id = e.id AND s.status <> 'AVAILABLE') > e.capacity""");
        RULES.put("confirmed reservation not owning its seats as sold", """
            SELECT COUNT(*) FROM reservation r
            WHERE r.event_id = ? AND r.status = 'CONFIRMED'
              AND (NOT EXISTS (SELECT 1 FROM reservation_seat rs WHERE rs.reservation_id = r.id)
                   OR EXISTS (SELECT 1 FROM reservation_seat rs JOIN seat s ON s.id = rs.seat_id
                              WHERE rs.reservation_id = r.id AND (s.status <> 'SOLD' OR s.reservation_id IS NULL OR s.reservation_id <> r.id)))""");
        RULES.put("held reservation not owning its seats as held", """
            SELECT COUNT(*) FROM reservation r
            WHERE r.event_id = ? AND r.status = 'HELD'
              AND EXISTS (SELECT 1 FROM reservation_seat rs JOIN seat s ON s.id = rs.seat_id
                          WHERE rs.reservation_id = r.id AND (s.status <> 'HELD' OR s.reservation_id IS NULL OR s.reservation_id <> r.id))""");
        RULES.put("taken seat without a matching live reservation", """
            SELECT COUNT(*) FROM seat s LEFT JOIN reservation r ON r.id = s.reservation_id
            WHERE s.event_id = ? AND s.status <> 'AVAILABLE'
              AND (r.id IS NULL OR r.event_id <> s.event_id
                   OR NOT ((s.status = 'SOLD' AND r.status = 'CONFIRMED') OR (s.status = 'HELD' AND r.status = 'HELD'))
                   OR NOT EXISTS (SELECT 1 FROM reservation_seat rs WHERE rs.reservation_id = r.id AND rs.seat_id = s.id))""");
        RULES.put("capacity differs from the seat rows or the sections", """
            SELECT COUNT(*) FROM event e
            WHERE e.id = ? AND (e.capacity <> (SELECT COUNT(*) FROM seat s WHERE s.event_id = e.id)
                                OR e.capacity <> (SELECT COALESCE(SUM(es.row_count * es.seats_per_row), 0) FROM event_section es
                                                  WHERE es.event_id = e.id))""");
    }

    private Invariants() {
    }

    /**
     * Checks every rule for each event, and that each reservation the load test saw confirmed is
     * still confirmed (a confirmed sale must never be lost).
     */
    static Report check(Connection db, List<Long> events, Collection<Long> confirmedByClients) throws SQLException {
        Map<String, Long> violations = new LinkedHashMap<>();
        for (Map.Entry<String, String> rule : RULES.entrySet()) {
            long total = 0;
            for (long event : events) {
                total += count(db, rule.getValue(), event);
            }
            violations.put(rule.getKey(), total);
        }
        long lost = 0;
        try (PreparedStatement query = db.prepareStatement("SELECT status FROM reservation WHERE id = ?")) {
            for (long id : confirmedByClients) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next() || !"CONFIRMED".equals(row.getString(1))) {
                        lost++;
                    }
                }
            }
        }
        violations.put("confirmed to a client but not CONFIRMED in the database", lost);
        return new Report(events, violations);
    }

    /** Seat counts by status, as the database holds them. */
    static Map<String, Long> seatCounts(Connection db, long event) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("AVAILABLE", 0L, "HELD", 0L, "SOLD", 0L));
        try (PreparedStatement query = db.prepareStatement("SELECT status, COUNT(*) FROM seat WHERE event_id = ? GROUP BY status")) {
            query.setLong(1, event);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long count(Connection db, String sql, long event) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, event);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    record Report(List<Long> events, Map<String, Long> violations) {

        boolean clean() {
            return violations.values().stream().allMatch(n -> n == 0);
        }

        void print(java.io.PrintStream out) {
            out.printf("Invariants over event(s) %s: %s%n", events, clean() ? "OK" : "VIOLATED");
            violations.forEach((rule, n) -> out.printf("  %-58s %s%n", rule, n == 0 ? "ok" : n + " VIOLATION(S)"));
        }
    }
}

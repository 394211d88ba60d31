package io.ticketing.testsupport;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The sale's invariants, read straight from the database: the one copy the app's tests, the
 * benchmarks and the load test's run summary all check. Each rule is one query counting the rows
 * of one event that break it, so a report names the rule and how often it broke.
 */
public final class Invariants {

    /**
     * An open offer past its deadline by more than this, an entry pointing at someone else's
     * offer, or a reservation in a state the service does not know.
     */
    public static final String OFFER_UNACCOUNTED_FOR = "offer unaccounted for";

    /** How long past its deadline an offer may stay OFFERED: sweeps run every second, and a check may read between them. */
    public static final Duration OFFER_GRACE = Duration.ofSeconds(30);

    /** Rule name → SQL counting violations for one event, bound as its only parameter. */
    private static final Map<String, String> RULES = new LinkedHashMap<>();

    static {
        RULES.put("seat in two live reservations (sold twice)", """
            SELECT COUNT(*) FROM (SELECT rs.seat_id FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id
                                  WHERE r.event_id = ? AND r.status IN ('HELD', 'CONFIRMED', 'OFFERED')
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
        // An offer to the waiting list holds its seats as a hold does.
        RULES.put("held reservation not owning its seats as held", """
            SELECT COUNT(*) FROM reservation r
            WHERE r.event_id = ? AND r.status IN ('HELD', 'OFFERED')
              AND EXISTS (SELECT 1 FROM reservation_seat rs JOIN seat s ON s.id = rs.seat_id
                          WHERE rs.reservation_id = r.id AND (s.status <> 'HELD' OR s.reservation_id IS NULL OR s.reservation_id <> r.id))""");
        RULES.put("taken seat without a matching live reservation", """
            SELECT COUNT(*) FROM seat s LEFT JOIN reservation r ON r.id = s.reservation_id
            WHERE s.event_id = ? AND s.status <> 'AVAILABLE'
              AND (r.id IS NULL OR r.event_id <> s.event_id
                   OR NOT ((s.status = 'SOLD' AND r.status = 'CONFIRMED') OR (s.status = 'HELD' AND r.status IN ('HELD', 'OFFERED')))
                   OR NOT EXISTS (SELECT 1 FROM reservation_seat rs WHERE rs.reservation_id = r.id AND rs.seat_id = s.id))""");
        RULES.put("capacity differs from the seat rows or the sections", """
            SELECT COUNT(*) FROM event e
            WHERE e.id = ? AND (e.capacity <> (SELECT COUNT(*) FROM seat s WHERE s.event_id = e.id)
                                OR e.capacity <> (SELECT COALESCE(SUM(es.row_count * es.seats_per_row), 0) FROM event_section es
                                                  WHERE es.event_id = e.id))""");
        // An offer's seats join its buyer's share only when it is taken.
        RULES.put("buyer share that miscounts the buyer's seats", """
            SELECT COUNT(*) FROM buyer_share b
            LEFT JOIN (SELECT r.event_id, r.user_id, COUNT(*) AS seats FROM reservation r JOIN seat s ON s.reservation_id = r.id
                       WHERE r.status <> 'OFFERED' GROUP BY r.event_id, r.user_id) held ON held.event_id = b.event_id AND held.user_id = b.user_id
            WHERE b.event_id = ? AND b.seats <> COALESCE(held.seats, 0)""");
        // A lane's seats are fixed when it is made, so more of them taken than its quota means
        // seats were moved into the lane by something other than its creation.
        RULES.put("lane over its quota", """
            SELECT COUNT(*) FROM lane l
            WHERE l.event_id = ? AND (SELECT COUNT(*) FROM seat s WHERE s.lane_id = l.id AND s.status <> 'AVAILABLE') > l.quota""");
        // The hold's conditional UPDATE names its lane, so a pass can only take its own lane's
        // seats; a seat returned to the public (lane_id NULL) held by a public pass is its own lane's.
        RULES.put("seat taken through another lane", """
            SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
            WHERE s.event_id = ? AND r.status IN ('HELD', 'CONFIRMED', 'OFFERED') AND NOT (s.lane_id <=> r.lane_id)""");
        // OfferSweep and the expiry sweep run every second on every instance: an offer still open
        // well after its deadline means no instance is passing offers on. UTC, as the service stores times.
        RULES.put(OFFER_UNACCOUNTED_FOR, """
            SELECT (SELECT COUNT(*) FROM reservation r
                    WHERE r.event_id = e.id AND r.status = 'OFFERED' AND r.hold_expires_at < UTC_TIMESTAMP(6) - INTERVAL %d SECOND)
                 + (SELECT COUNT(*) FROM waiting_list_entry w JOIN reservation r ON r.id = w.offer_id
                    WHERE w.event_id = e.id AND (r.user_id <> w.user_id OR r.event_id <> w.event_id))
                 + (SELECT COUNT(*) FROM reservation r
                    WHERE r.event_id = e.id AND r.status NOT IN ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'OFFERED', 'PASSED'))
            FROM (SELECT ? AS id) e""".formatted(OFFER_GRACE.toSeconds()));
    }

    /** The rule a confirmation the service gave but the database lacks breaks. */
    public static final String LOST_CONFIRMATION = "confirmed to a client but not CONFIRMED in the database";

    private Invariants() {
    }

    /** One rule's count of violations for one event. */
    @FunctionalInterface
    private interface Query {

        long count(String sql, long event) throws SQLException;
    }

    /** Every rule over {@code events}, through R2DBC (blocking: a test's or a load generator's thread). */
    public static Report check(DatabaseClient db, List<Long> events) {
        try {
            return check((sql, event) -> db.sql(sql).bind(0, event).map(row -> row.get(0, Long.class)).one().block(), events);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every rule over {@code events}, through JDBC. */
    public static Report check(Connection db, List<Long> events) throws SQLException {
        return check((sql, event) -> {
            try (PreparedStatement query = db.prepareStatement(sql)) {
                query.setLong(1, event);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }, events);
    }

    /**
     * Every rule over {@code events}, through JDBC, and that each reservation a client was told is
     * confirmed still is: a confirmed sale must never be lost.
     */
    public static Report check(Connection db, List<Long> events, Collection<Long> confirmedByClients) throws SQLException {
        Map<String, Long> violations = new LinkedHashMap<>(check(db, events).violations());
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
        violations.put(LOST_CONFIRMATION, lost);
        return new Report(events, violations);
    }

    private static Report check(Query db, List<Long> events) throws SQLException {
        Map<String, Long> violations = new LinkedHashMap<>();
        for (Map.Entry<String, String> rule : RULES.entrySet()) {
            long total = 0;
            for (long event : events) {
                total += db.count(rule.getValue(), event);
            }
            violations.put(rule.getKey(), total);
        }
        return new Report(events, violations);
    }

    /** The violations of each rule, by rule, over the events checked. */
    public record Report(List<Long> events, Map<String, Long> violations) {

        public boolean clean() {
            return violations.values().stream().allMatch(n -> n == 0);
        }

        /** One line: the events, OK or VIOLATED, and every rule's count. */
        public void print() {
            System.out.printf("invariants over %d events: %s %s%n", events.size(), clean() ? "OK" : "VIOLATED", violations);
        }

        /** A line for the events, then one per rule. */
        public void print(PrintStream out) {
            out.printf("Invariants over event(s) %s: %s%n", events, clean() ? "OK" : "VIOLATED");
            violations.forEach((rule, n) -> out.printf("  %-58s %s%n", rule, n == 0 ? "ok" : n + " VIOLATION(S)"));
        }
    }
}

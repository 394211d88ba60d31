package io.ticketing.loadtest;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What an event's presale lanes and waiting list came to, read from the database after a run: each
 * lane's quota and what it sold, held, has left and gave back to the public sale; who joined the
 * waiting list, and what became of the offers made to it.
 */
record PresaleFigures(List<Lane> lanes, WaitingList waitingList) {

    /**
     * @param returned   seats given to the public sale (they no longer carry the lane's id)
     * @param returnedAt when the lane gave back its unsold seats; null before
     */
    record Lane(long id, String name, int quota, long sold, long held, long left, long returned, Instant returnedAt) {
    }

    /**
     * @param offered offers made (an entry is offered once); of them {@code open} not answered yet,
     *                {@code taken} by their buyers ({@code bought} of those confirmed since) and
     *                {@code passed} to the next buyer
     */
    record WaitingList(long joined, long offered, long open, long taken, long bought, long passed) {
    }

    static PresaleFigures read(Connection db, long event) throws SQLException {
        List<Lane> lanes = new ArrayList<>();
        // The lane's seats are the ones carrying its id; a returned seat carries none any more.
        try (PreparedStatement query = db.prepareStatement("""
                SELECT l.id, l.name, l.quota, l.returned_at,
                       COUNT(CASE WHEN s.status = 'SOLD' THEN 1 END), COUNT(CASE WHEN s.status = 'HELD' THEN 1 END),
                       COUNT(CASE WHEN s.status = 'AVAILABLE' THEN 1 END), COUNT(s.id)
                FROM lane l LEFT JOIN seat s ON s.lane_id = l.id
                WHERE l.event_id = ? GROUP BY l.id, l.name, l.quota, l.returned_at ORDER BY l.id""")) {
            query.setLong(1, event);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    // Stored in UTC, as the service writes every time.
                    LocalDateTime returnedAt = rows.getObject(4, LocalDateTime.class);
                    lanes.add(new Lane(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getLong(5), rows.getLong(6), rows.getLong(7),
                        rows.getInt(3) - rows.getLong(8), returnedAt == null ? null : returnedAt.toInstant(ZoneOffset.UTC)));
                }
            }
        }
        try (PreparedStatement query = db.prepareStatement("""
                SELECT COUNT(*), COUNT(w.offer_id),
                       COUNT(CASE WHEN r.status = 'OFFERED' THEN 1 END),
                       COUNT(CASE WHEN r.status NOT IN ('OFFERED', 'PASSED') THEN 1 END),
                       COUNT(CASE WHEN r.status = 'CONFIRMED' THEN 1 END),
                       COUNT(CASE WHEN r.status = 'PASSED' THEN 1 END)
                FROM waiting_list_entry w LEFT JOIN reservation r ON r.id = w.offer_id
                WHERE w.event_id = ?""")) {
            query.setLong(1, event);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new PresaleFigures(lanes, new WaitingList(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                    row.getLong(6)));
            }
        }
    }

    /** Nothing to say for an event without lanes and without a waiting list. */
    boolean any() {
        return !lanes.isEmpty() || waitingList.joined() > 0;
    }

    void print(PrintStream out, Instant runStartedAt) {
        for (Lane lane : lanes) {
            out.printf("  lane %d '%s': quota %,d, sold %,d, held %,d, left %,d, returned to the public sale %,d%s%n", lane.id(), lane.name(),
                lane.quota(), lane.sold(), lane.held(), lane.left(), lane.returned(), lane.returnedAt() == null ? " (not yet)"
                    : " at %.1f s into the run".formatted((lane.returnedAt().toEpochMilli() - runStartedAt.toEpochMilli()) / 1000.0));
        }
        WaitingList list = waitingList;
        out.printf("  waiting list: joined %,d; offers made %,d: taken %,d (bought %,d), passed %,d, open %,d%n", list.joined(), list.offered(),
            list.taken(), list.bought(), list.passed(), list.open());
    }
}

package io.ticketing.loadtest;

import static io.ticketing.loadtest.TestDatabase.insert;
import static io.ticketing.loadtest.TestDatabase.update;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A small sale written straight into a test database, row by row as the service leaves them: an
 * event of a few seats in one row, a buyer, and helpers for reservations, lanes and waiting-list
 * entries, so that a test can build a correct sale and then change exactly what it is about.
 */
final class TestSale {

    final long event;
    final long user;
    final long[] seats;
    private final Connection db;

    private TestSale(Connection db, long event, long user, long[] seats) {
        this.db = db;
        this.event = event;
        this.user = user;
        this.seats = seats;
    }

    static TestSale of(Connection db, int seatCount) throws SQLException {
        long user = buyer(db);
        long event = insert(db, """
            INSERT INTO event (name, venue, starts_at, sales_open_at, sales_close_at, capacity, created_at)
            VALUES ('Invariant test', 'Hall', '2030-01-02', '2030-01-01', '2030-01-01 12:00', ?, NOW(6))""", seatCount);
        insert(db, "INSERT INTO event_section (event_id, position, name, row_count, seats_per_row) VALUES (?, 0, 'Floor', 1, ?)", event, seatCount);
        long[] seats = new long[seatCount];
        for (int i = 0; i < seatCount; i++) {
            seats[i] = insert(db, "INSERT INTO seat (event_id, section, row_no, seat_no) VALUES (?, 'Floor', 1, ?)", event, i + 1);
        }
        return new TestSale(db, event, user, seats);
    }

    /** Another buyer. */
    long buyer() throws SQLException {
        return buyer(db);
    }

    private static long buyer(Connection db) throws SQLException {
        return insert(db, "INSERT INTO app_user (email, name, password_hash, role, created_at) VALUES (?, 'Buyer', 'x', 'USER', NOW(6))",
            "buyer-" + System.nanoTime() + "@example.com");
    }

    /** The sale's buyer's reservation in {@code status}, owning {@code seatIds} in {@code seatStatus}; its id. */
    long reservation(String status, String seatStatus, long... seatIds) throws SQLException {
        return reservation(user, status, seatStatus, seatIds);
    }

    long reservation(long buyer, String status, String seatStatus, long... seatIds) throws SQLException {
        long id = insert(db, """
            INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
            VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL 5 MINUTE, ?, REPEAT('0', 64), NOW(6), NOW(6))""", event, buyer, status,
            "key-" + System.nanoTime());
        for (long seat : seatIds) {
            insert(db, "INSERT INTO reservation_seat (reservation_id, seat_id) VALUES (?, ?)", id, seat);
            update(db, "UPDATE seat SET status = ?, reservation_id = ? WHERE id = ?", seatStatus, id, seat);
        }
        return id;
    }

    /** A presale lane of the event with {@code quota} seats, these ones, whatever their status; its id. */
    long lane(int quota, long... seatIds) throws SQLException {
        long lane = insert(db, """
            INSERT INTO lane (event_id, name, opens_at, closes_at, returns_unsold_at, quota, code_kind, max_uses, created_at)
            VALUES (?, 'Fan club', '2030-01-01', '2030-01-01 06:00', '2030-01-01 06:00', ?, 'SHARED', 10, NOW(6))""", event, quota);
        for (long seat : seatIds) {
            update(db, "UPDATE seat SET lane_id = ? WHERE id = ?", lane, seat);
        }
        return lane;
    }

    /** {@code buyer} on the event's waiting list, offered {@code offerId} (null: not yet). */
    void listed(long buyer, Long offerId) throws SQLException {
        insert(db, "INSERT INTO waiting_list_entry (event_id, user_id, line_ticket, shadow, joined_at, offer_id) VALUES (?, ?, 1, FALSE, NOW(6), ?)",
            event, buyer, offerId);
    }
}

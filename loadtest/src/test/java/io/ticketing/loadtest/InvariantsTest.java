package io.ticketing.loadtest;

import static io.ticketing.loadtest.TestDatabase.insert;
import static io.ticketing.loadtest.TestDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.Invariants;

/**
 * The check must catch a real oversell: each test builds a small, correct sale, corrupts one row
 * the way a bug would, and expects the matching rule to fire.
 */
class InvariantsTest extends DatabaseTest {

    long event;
    long user;
    long confirmed;
    long held;
    long[] seats = new long[4];

    /** Four seats: two sold to one reservation, one held by another, one available. */
    @BeforeEach
    void sale() throws SQLException {
        user = insert(db, "INSERT INTO app_user (email, name, password_hash, role, created_at) VALUES (?, 'Buyer', 'x', 'USER', NOW(6))",
            "buyer-" + System.nanoTime() + "@example.com");
        event = insert(db, """
            INSERT INTO event (name, venue, starts_at, sales_open_at, sales_close_at, capacity, created_at)
            VALUES ('Invariant test', 'Hall', '2030-01-02', '2030-01-01', '2030-01-01 12:00', 4, NOW(6))""");
        insert(db, "INSERT INTO event_section (event_id, position, name, row_count, seats_per_row) VALUES (?, 0, 'Floor', 1, 4)", event);
        for (int i = 0; i < 4; i++) {
            seats[i] = insert(db, "INSERT INTO seat (event_id, section, row_no, seat_no) VALUES (?, 'Floor', 1, ?)", event, i + 1);
        }
        confirmed = reservation("CONFIRMED", "SOLD", seats[0], seats[1]);
        held = reservation("HELD", "HELD", seats[2]);
    }

    private long reservation(String status, String seatStatus, long... seatIds) throws SQLException {
        long id = insert(db, """
            INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
            VALUES (?, ?, ?, NOW(6) + INTERVAL 5 MINUTE, ?, REPEAT('0', 64), NOW(6), NOW(6))""", event, user, status, "key-" + System.nanoTime());
        for (long seat : seatIds) {
            insert(db, "INSERT INTO reservation_seat (reservation_id, seat_id) VALUES (?, ?)", id, seat);
            update(db, "UPDATE seat SET status = ?, reservation_id = ? WHERE id = ?", seatStatus, id, seat);
        }
        return id;
    }

    private Map<String, Long> violations(List<Long> confirmedByClients) throws SQLException {
        Map<String, Long> violations = Invariants.check(db, List.of(event), confirmedByClients).violations();
        violations.values().removeIf(n -> n == 0);
        return violations;
    }

    @Test
    void correctSaleHasNoViolations() throws SQLException {
        assertThat(Invariants.check(db, List.of(event), List.of(confirmed)).clean()).isTrue();
    }

    @Test
    void seatSoldToASecondReservationIsCaught() throws SQLException {
        long second = reservation("CONFIRMED", "SOLD");
        insert(db, "INSERT INTO reservation_seat (reservation_id, seat_id) VALUES (?, ?)", second, seats[0]);

        assertThat(violations(List.of(confirmed))).containsEntry("seat in two live reservations (sold twice)", 1L)
            .containsEntry("confirmed reservation not owning its seats as sold", 1L);
    }

    @Test
    void confirmedSeatPutBackOnSaleIsCaught() throws SQLException {
        update(db, "UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE id = ?", seats[1]);

        assertThat(violations(List.of(confirmed))).containsOnlyKeys("confirmed reservation not owning its seats as sold");
    }

    @Test
    void soldSeatOfAnExpiredReservationIsCaught() throws SQLException {
        update(db, "UPDATE reservation SET status = 'EXPIRED' WHERE id = ?", confirmed);

        assertThat(violations(List.of())).containsOnly(Map.entry("taken seat without a matching live reservation", 2L));
    }

    @Test
    void heldSeatTakenOverByAnotherReservationIsCaught() throws SQLException {
        update(db, "UPDATE seat SET status = 'SOLD', reservation_id = ? WHERE id = ?", confirmed, seats[2]);

        assertThat(violations(List.of(confirmed))).containsKeys("held reservation not owning its seats as held",
            "taken seat without a matching live reservation");
    }

    @Test
    void capacityThatDisagreesWithTheSeatRowsIsCaught() throws SQLException {
        update(db, "UPDATE event SET capacity = 5 WHERE id = ?", event);

        assertThat(violations(List.of(confirmed))).containsOnly(Map.entry("capacity differs from the seat rows or the sections", 1L));
    }

    @Test
    void moreSeatsTakenThanCapacityIsCaught() throws SQLException {
        update(db, "UPDATE event SET capacity = 2 WHERE id = ?", event);

        assertThat(violations(List.of(confirmed))).containsEntry("held + sold over capacity", 1L);
    }

    @Test
    void buyerShareThatMiscountsTheBuyersSeatsIsCaught() throws SQLException {
        insert(db, "INSERT INTO buyer_share (event_id, user_id, seats) VALUES (?, ?, 2)", event, user);

        assertThat(violations(List.of(confirmed))).containsOnly(Map.entry("buyer share that miscounts the buyer's seats", 1L));
    }

    @Test
    void confirmationAClientSawButTheDatabaseLacksIsCaught() throws SQLException {
        assertThat(violations(List.of(confirmed, held, 987_654_321L)))
            .containsOnly(Map.entry(Invariants.LOST_CONFIRMATION, 2L));
    }
}

package io.ticketing.loadtest;

import static io.ticketing.loadtest.TestDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PresaleFiguresTest extends DatabaseTest {

    @Test
    void laneFiguresCountItsSeatsByStatusAndTheSeatsItGaveBack() throws SQLException {
        TestSale sale = TestSale.of(db, 6);
        long lane = sale.lane(5, sale.seats[0], sale.seats[1], sale.seats[2], sale.seats[3]);
        sale.reservation("CONFIRMED", "SOLD", sale.seats[0], sale.seats[1]);
        sale.reservation("HELD", "HELD", sale.seats[2]);
        update(db, "UPDATE lane SET returned_at = '2030-01-01 06:00:01.5' WHERE id = ?", lane);

        PresaleFigures.Lane figures = PresaleFigures.read(db, sale.event).lanes().get(0);

        assertThat(figures).isEqualTo(new PresaleFigures.Lane(lane, "Fan club", 5, 2, 1, 1, 1, Instant.parse("2030-01-01T06:00:01.5Z")));
    }

    @Test
    void waitingListFiguresFollowEachOfferToWhatBecameOfIt() throws SQLException {
        TestSale sale = TestSale.of(db, 4);
        sale.listed(sale.buyer(), null);
        offered(sale, "OFFERED", "HELD", sale.seats[0]);
        offered(sale, "PASSED", "AVAILABLE");
        offered(sale, "HELD", "HELD", sale.seats[1]);
        offered(sale, "CONFIRMED", "SOLD", sale.seats[2]);

        PresaleFigures figures = PresaleFigures.read(db, sale.event);

        assertThat(figures.waitingList()).isEqualTo(new PresaleFigures.WaitingList(5, 4, 1, 2, 1, 1));
        assertThat(figures.lanes()).isEmpty();
    }

    @Test
    void anEventWithoutLanesOrWaitingListHasNothingToSay() throws SQLException {
        assertThat(PresaleFigures.read(db, TestSale.of(db, 2).event).any()).isFalse();
    }

    @Test
    void printedLaneSaysWhenItGaveBackItsSeatsIntoTheRun() throws SQLException {
        TestSale sale = TestSale.of(db, 2);
        long lane = sale.lane(2, sale.seats[0], sale.seats[1]);
        update(db, "UPDATE lane SET returned_at = '2030-01-01 06:00:12.5' WHERE id = ?", lane);
        ByteArrayOutputStream text = new ByteArrayOutputStream();

        PresaleFigures.read(db, sale.event).print(new PrintStream(text, true, StandardCharsets.UTF_8), Instant.parse("2030-01-01T06:00:00Z"));

        assertThat(text.toString(StandardCharsets.UTF_8))
            .contains("lane " + lane + " 'Fan club': quota 2, sold 0, held 0, left 2, returned to the public sale 0 at 12.5 s into the run")
            .contains("waiting list: joined 0; offers made 0");
    }

    /** A buyer of their own on the list, whose offer is now in {@code status}. */
    private static void offered(TestSale sale, String status, String seatStatus, long... seats) throws SQLException {
        long buyer = sale.buyer();
        sale.listed(buyer, sale.reservation(buyer, status, seatStatus, seats));
    }
}

package io.ticketing.loadtest;

import static io.ticketing.loadtest.TestDatabase.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The summary compares the API's seat counts with the database's as the public sale sees them. */
class PublicSaleCountsTest extends DatabaseTest {

    @Test
    void seatsOnOfferAndLanesUnsoldSeatsAreNotThePublicSales() throws SQLException {
        TestSale sale = TestSale.of(db, 6);
        sale.lane(3, sale.seats[0], sale.seats[1], sale.seats[2]);
        sale.reservation("CONFIRMED", "SOLD", sale.seats[0]);
        sale.reservation("HELD", "HELD", sale.seats[1]);
        sale.reservation("OFFERED", "HELD", sale.seats[3]);
        sale.reservation("HELD", "HELD", sale.seats[4]);

        assertThat(RunSummary.publicSaleCounts(db, sale.event)).isEqualTo(Map.of("AVAILABLE", 1L, "HELD", 1L, "SOLD", 1L));
    }

    @Test
    void returnedSeatsAreThePublicSales() throws SQLException {
        TestSale sale = TestSale.of(db, 2);
        long lane = sale.lane(2, sale.seats[0], sale.seats[1]);
        update(db, "UPDATE seat SET lane_id = NULL WHERE lane_id = ?", lane);

        assertThat(RunSummary.publicSaleCounts(db, sale.event)).isEqualTo(Map.of("AVAILABLE", 2L, "HELD", 0L, "SOLD", 0L));
    }
}

package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ticketing.IntegrationTest;
import io.ticketing.reservation.hold.HoldOutcome;
import io.ticketing.reservation.hold.HoldPipeline;
import io.ticketing.resilience.DependencyBreakers;

/** A lane's sale as its waiting-room line asks for it. */
class LaneSalesTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    LaneSales sales;

    @Autowired
    LaneRepository lanes;

    @Autowired
    DependencyBreakers breakers;

    @Autowired
    HoldPipeline holds;

    @Test
    void aLanesSaleHasItsWindowAndItsSeatsLeftToBuy() {
        long event = newEvent(1, 10);
        Instant opens = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long lane = TestLanes.created(TestLanes.create(http, adminToken(), event, TestLanes.lane(opens, 4, Map.of("count", 1))));
        sellSeats(event, "lane_id = " + lane + " ORDER BY id LIMIT 1").block(WAIT);
        assertThat(holds.submit(buyer().id(), event, lane, null, 1, unique("hold"), "hash").block(WAIT)).isInstanceOf(HoldOutcome.Held.class);

        LaneSale sale = sales.sale(event, lane).block(WAIT);

        assertThat(sale).isEqualTo(new LaneSale(lane, "Fan club", opens, opens.plus(Duration.ofDays(1)), opens.plus(Duration.ofDays(2)), 3));
    }

    @Test
    void anotherEventsLaneHasNoSaleHere() {
        long lane = TestLanes.openLane(http, adminToken(), newEvent(1, 5), clock.instant(), 2, null);

        assertThat(sales.sale(newEvent(1, 5), lane).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aLaneThatDoesNotExistHasNoSale() {
        assertThat(sales.sale(newEvent(1, 5), Long.MAX_VALUE).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void aLaneWhoseSeatsChangedIsReadAgain() {
        LaneSales keeping = new LaneSales(lanes, breakers, Duration.ofHours(1));
        long event = newEvent(1, 10);
        long lane = TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
        assertThat(keeping.sale(event, lane).block(WAIT).purchasable()).isEqualTo(4);
        sellSeats(event, "lane_id = " + lane + " ORDER BY id LIMIT 1").block(WAIT);
        assertThat(keeping.sale(event, lane).block(WAIT).purchasable()).as("kept").isEqualTo(4);

        keeping.seatsChanged(lane).block(WAIT);

        assertThat(keeping.sale(event, lane).block(WAIT).purchasable()).isEqualTo(3);
    }
}

package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ticketing.IntegrationTest;
import io.ticketing.lane.TestLanes;

/** What the public sale counts of an event with a presale lane: its own seats for sale, everyone's sales. */
class LaneSeatCountsTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    EventCatalog catalog;

    @Test
    void theEventsAvailableAndHeldSeatsAreThePublicLanesAndItsSoldSeatsEveryLanes() {
        long event = newEvent(1, 10);
        long lane = lane(event, 4);
        sellSeats(event, "lane_id = " + lane + " ORDER BY id LIMIT 1")
            .then(sellSeats(event, "lane_id IS NULL ORDER BY id LIMIT 1"))
            .then(catalog.seatsChanged(event)).block(WAIT);

        http.get().uri("/api/v1/events/{id}", event).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.capacity").isEqualTo(10)
            .jsonPath("$.available").isEqualTo(5)
            .jsonPath("$.held").isEqualTo(0)
            .jsonPath("$.sold").isEqualTo(2);
    }

    @Test
    void thePublicSaleIsSoldOutWhenOnlyLaneSeatsAreLeft() {
        long event = newEvent(1, 6);
        lane(event, 4);
        sellSeats(event, "lane_id IS NULL").then(catalog.seatsChanged(event)).block(WAIT);

        assertThat(catalog.sale(event).block(WAIT).purchasable()).isZero();
    }

    private long lane(long event, int quota) {
        return TestLanes.openLane(http, adminToken(), event, clock.instant(), quota, null);
    }
}

package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ticketing.IntegrationTest;
import io.ticketing.event.EventCatalog;

/** A lane's unsold seats go back to the public lane at its returnsUnsoldAt; what it sold stays its own. */
class LaneReturnsTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Past the returnsUnsoldAt of a lane opened an hour ago ({@link TestLanes#openLane}): two days after it opened. */
    private static final Duration PAST_THE_RETURN = Duration.ofDays(2);

    @Autowired
    LaneReturns returns;

    @Autowired
    LaneSales sales;

    @Autowired
    EventCatalog catalog;

    @Test
    void beforeItsReturnALaneKeepsItsSeats() {
        long event = newEvent(1, 10);
        long lane = TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
        clock.advance(PAST_THE_RETURN.minus(Duration.ofHours(2)));

        returns.sweep().block(WAIT);

        assertThat(TestLanes.seatsOf(sql, lane)).hasSize(4);
        assertThat(returnedAt(lane)).isNull();
    }

    @Test
    void atItsReturnALanesUnsoldSeatsGoToThePublicLaneAndItsSalesStayItsOwn() {
        long event = newEvent(1, 10);
        long lane = TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
        List<Long> seats = TestLanes.seatsOf(sql, lane);
        sellSeats(event, "id = " + seats.get(0)).block(WAIT);
        clock.advance(PAST_THE_RETURN);
        Instant sweptFrom = clock.instant().truncatedTo(ChronoUnit.MICROS);

        assertThat(returns.sweep().block(WAIT)).isEqualTo(3);

        assertThat(TestLanes.seatsOf(sql, lane)).containsExactly(seats.get(0));
        assertThat(returnedAt(lane)).isBetween(sweptFrom, clock.instant());
        assertThat(catalog.sale(event).block(WAIT).purchasable()).as("the public sale's seats").isEqualTo(9);
        assertThat(sales.sale(event, lane).block(WAIT).purchasable()).as("the lane's").isZero();
        http.get().uri("/api/v1/admin/events/{id}/lanes", event).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk()
            .expectBody()
            .jsonPath("$.items[0].sold").isEqualTo(1)
            .jsonPath("$.items[0].left").isEqualTo(0)
            .jsonPath("$.items[0].returnedAt").isNotEmpty();
    }

    @Test
    void aReturnedLaneIsReturnedOnce() {
        long event = newEvent(1, 10);
        long lane = TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
        clock.advance(PAST_THE_RETURN);
        returns.sweep().block(WAIT);
        Instant returned = returnedAt(lane);
        clock.advance(Duration.ofMinutes(1));

        assertThat(returns.sweep().block(WAIT)).isZero();
        assertThat(returnedAt(lane)).isEqualTo(returned);
    }

    private Instant returnedAt(long lane) {
        return sql.sql("SELECT returned_at FROM lane WHERE id = :id").bind("id", lane)
            .map(row -> Optional.ofNullable(row.get("returned_at", LocalDateTime.class))).one().block(WAIT)
            .map(at -> at.toInstant(ZoneOffset.UTC)).orElse(null);
    }
}

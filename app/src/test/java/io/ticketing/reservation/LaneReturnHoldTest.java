package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.ticketing.config.PeriodicTask;
import io.ticketing.lane.TestLanes;

/** Seats a lane did not sell are the public sale's once the lane returns them, even those whose lane hold ends later. */
class LaneReturnHoldTest extends ReservationTestSupport {

    /** Past the returnsUnsoldAt of a lane opened an hour ago ({@link TestLanes#openLane}). */
    private static final Duration PAST_THE_RETURN = Duration.ofDays(2);

    @Autowired
    @Qualifier("laneReturns")
    PeriodicTask returns;

    @Autowired
    ReservationService reservations;

    @Test
    void afterTheReturnAPublicHoldTakesTheLanesUnsoldSeats() {
        long event = newEvent(1, 6);
        List<Long> laneSeats = TestLanes.seatsOf(db, lane(event));
        held(buyer(), event, Map.of("quantity", 2));
        clock.advance(PAST_THE_RETURN);

        returns.runNow().block();

        Map<?, ?> held = held(buyer(), event, Map.of("quantity", 4));
        assertThat((List<?>) held.get("seats")).extracting(seat -> ((Number) ((Map<?, ?>) seat).get("id")).longValue())
            .containsExactlyElementsOf(laneSeats);
    }

    @Test
    void aLaneHoldThatEndsAfterTheReturnGivesItsSeatsToThePublicLane() {
        long event = newEvent(1, 6);
        long lane = lane(event);
        List<Long> laneHeld = reservations.hold(buyer().id(), event, lane, null, 2, UUID.randomUUID().toString(), "hash").block()
            .seats().stream().map(ReservationView.SeatRef::id).toList();
        clock.advance(PAST_THE_RETURN);
        returns.runNow().block();
        assertThat(TestLanes.seatsOf(db, lane)).as("held at the return: still the lane's").containsExactlyElementsOf(laneHeld);
        sweepAll();

        returns.runNow().block();

        assertThat(TestLanes.seatsOf(db, lane)).isEmpty();
        held(buyer(), event, Map.of("seatIds", laneHeld));
    }

    private long lane(long event) {
        return TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
    }
}

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
import io.ticketing.testsupport.Invariants;

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

    @Test
    void aLanesSaleBesidePublicHoldsOfItsReturnedSeatsKeepsTheInvariants() {
        long event = newEvent(1, 6);
        long lane = lane(event);
        Buyer fan = buyer();
        ReservationView sold = reservations.hold(fan.id(), event, lane, null, 2, UUID.randomUUID().toString(), "hash").block();
        reservations.confirm(fan.id(), sold.id()).block();
        clock.advance(PAST_THE_RETURN);
        returns.runNow().block();

        held(buyer(), event, Map.of("quantity", 4));

        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND lane_id IS NULL AND status = 'HELD'", event))
            .as("held publicly: the two public seats and the lane's two returned ones").isEqualTo(4);
        assertThat(Invariants.check(db, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    private long lane(long event) {
        return TestLanes.openLane(http, adminToken(), event, clock.instant(), 4, null);
    }
}

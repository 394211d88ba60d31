package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;

import io.ticketing.lane.TestLanes;
import io.ticketing.web.Problems;

/**
 * Holds through a presale lane take the lane's seats and nothing else, and the public lane's holds
 * never take a lane's seats: chosen or best available, whichever way round. Lane holds go through
 * the service the entry path calls with the lane of the buyer's pass; public ones through the API.
 */
class LaneHoldTest extends ReservationTestSupport {

    @Autowired
    ReservationService reservations;

    @Test
    void aLaneHoldOfTheBestAvailableTakesOnlyTheLanesSeats() {
        long event = newEvent(1, 10);
        // Held before the lane is made, so that the lane's seats are not the first of the map.
        held(buyer(), event, Map.of("quantity", 2));
        long lane = lane(event, 3, null);

        ReservationView held = laneHold(buyer(), event, lane, null, 3);

        assertThat(seatsOf(lane)).containsExactlyElementsOf(seatIds(event).subList(2, 5));
        assertThat(held.seats()).extracting(ReservationView.SeatRef::id).containsExactlyElementsOf(seatsOf(lane));
    }

    @Test
    void aLaneHoldOfChosenLaneSeatsHoldsThem() {
        long event = newEvent(1, 10);
        long lane = lane(event, 4, null);
        List<Long> chosen = seatsOf(lane).subList(1, 3);

        ReservationView held = laneHold(buyer(), event, lane, chosen, null);

        assertThat(held.seats()).extracting(ReservationView.SeatRef::id).containsExactlyElementsOf(chosen);
    }

    @Test
    void aLaneHoldOfAChosenPublicSeatFindsItTaken() {
        long event = newEvent(1, 10);
        long lane = lane(event, 4, null);
        long publicSeat = seatIds(event).get(5);

        assertThatThrownBy(() -> laneHold(buyer(), event, lane, List.of(seatsOf(lane).get(0), publicSeat), null))
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                assertThat(e.getBody().getType()).isEqualTo(Problems.type("seats-taken"));
                assertThat(e.getBody().getProperties()).containsEntry("seatIds", List.of(publicSeat));
            });
        assertThat(seatStatus(publicSeat)).isEqualTo("AVAILABLE");
    }

    @Test
    void aPublicHoldOfAChosenLaneSeatFindsItTaken() {
        long event = newEvent(1, 10);
        long laneSeat = seatsOf(lane(event, 4, null)).get(2);

        hold(buyer(), event, Map.of("seatIds", List.of(laneSeat)), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:seats-taken")
            .jsonPath("$.seatIds[0]").isEqualTo(laneSeat);
        assertThat(seatStatus(laneSeat)).isEqualTo("AVAILABLE");
    }

    @Test
    void aPublicHoldOfTheBestAvailableLeavesTheLanesSeats() {
        long event = newEvent(1, 10);
        lane(event, 4, null);

        Map<?, ?> held = held(buyer(), event, Map.of("quantity", 4));

        assertThat((List<?>) held.get("seats")).extracting(seat -> ((Number) ((Map<?, ?>) seat).get("id")).longValue())
            .containsExactlyElementsOf(seatIds(event).subList(4, 8));
    }

    @Test
    void onlyLaneSeatsLeftIsSoldOutForThePublic() {
        long event = newEvent(1, 6);
        lane(event, 4, null);
        held(buyer(), event, Map.of("quantity", 2));

        hold(buyer(), event, Map.of("quantity", 1), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:sold-out")
            .jsonPath("$.detail").isEqualTo("This event is sold out");
    }

    @Test
    void aLaneWithNoSeatsLeftIsSoldOutThoughPublicSeatsAreLeft() {
        long event = newEvent(1, 10);
        long lane = lane(event, 2, null);
        laneHold(buyer(), event, lane, null, 2);

        assertRefused(() -> laneHold(buyer(), event, lane, null, 1), "sold-out", "This lane is sold out");
    }

    @Test
    void fewerSeatsLeftInTheLaneThanAskedForIsNotEnough() {
        long event = newEvent(1, 10);
        long lane = lane(event, 3, null);
        laneHold(buyer(), event, lane, null, 2);

        assertRefused(() -> laneHold(buyer(), event, lane, null, 2), "not-enough-seats", "Fewer than 2 seats are left for this lane");
    }

    @Test
    void aBuyersShareCountsTheSeatsOfEveryLane() {
        long event = newEvent(1, 10);
        long lane = lane(event, 4, null);
        Buyer buyer = buyer();
        laneHold(buyer, event, lane, null, 3);

        hold(buyer, event, Map.of("quantity", 2), UUID.randomUUID().toString())
            .expectStatus().isEqualTo(409)
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:buyer-limit")
            .jsonPath("$.seatsLeft").isEqualTo(1);
    }

    @Test
    void aLaneHoldIsTakenInTheLanesWindowBeforeThePublicSaleOpens() {
        long event = newEvent(clock.instant().plus(Duration.ofDays(1)), 1, 10);
        long lane = lane(event, 4, null);

        assertThat(laneHold(buyer(), event, lane, null, 2).seats()).hasSize(2);
    }

    @Test
    void aLaneHoldBeforeTheLaneOpensIsSalesClosedThoughThePublicSaleIsOpen() {
        long event = newEvent(1, 10);
        Instant opens = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long lane = TestLanes.created(TestLanes.create(http, adminToken(), event, TestLanes.lane(opens, 4, Map.of("count", 1))));

        assertRefused(() -> laneHold(buyer(), event, lane, null, 1), "sales-closed", "This lane's sales open at " + opens);
    }

    private long lane(long event, int quota, List<String> sections) {
        return TestLanes.openLane(http, adminToken(), event, clock.instant(), quota, sections);
    }

    /** A hold of the lane's seats, as the entry path makes it for a buyer whose pass names the lane. */
    private ReservationView laneHold(Buyer buyer, long event, long lane, List<Long> seatIds, Integer quantity) {
        return reservations.hold(buyer.id(), event, lane, seatIds, quantity, UUID.randomUUID().toString(),
            ReservationService.hash(event, seatIds, quantity)).block();
    }

    private List<Long> seatsOf(long lane) {
        return TestLanes.seatsOf(db, lane);
    }

    private static void assertRefused(Runnable hold, String slug, String detail) {
        assertThatThrownBy(hold::run).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getBody().getType()).isEqualTo(Problems.type(slug));
            assertThat(e.getBody().getDetail()).isEqualTo(detail);
        });
    }
}

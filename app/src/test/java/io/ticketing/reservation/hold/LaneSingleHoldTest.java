package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.lane.TestLanes;
import io.ticketing.reservation.ReservationTestSupport;

/**
 * The hold-by-hold path, which a batch falls back to when its plan cannot stand, keeps lanes apart
 * as the batch path does.
 */
class LaneSingleHoldTest extends ReservationTestSupport {

    @Autowired
    SingleHold singleHold;

    @Autowired
    ReactiveTransactionManager transactions;

    @Test
    void aLaneHoldTakesOnlyTheLanesSeats() {
        long event = TestLanes.eventWithSections(http, adminToken(), clock.instant(), 5, "A", "B");
        long lane = lane(event, 3, List.of("B"));

        HoldOutcome outcome = attempt(new HoldRequest(buyer().id(), event, lane, null, 3, key(), "hash", new HoldReply()));

        assertThat(outcome).isInstanceOf(HoldOutcome.Held.class);
        assertThat(seatsOfReservation(((HoldOutcome.Held) outcome).reservationId())).containsExactlyElementsOf(seatsOf(lane));
    }

    @Test
    void aPublicHoldLeavesTheLanesSeatsAndIsSoldOutWithoutThem() {
        long event = newEvent(1, 6);
        lane(event, 4, null);
        HoldOutcome outcome = attempt(publicHold(event, null, 2));

        assertThat(seatsOfReservation(((HoldOutcome.Held) outcome).reservationId())).containsExactlyElementsOf(seatIds(event).subList(4, 6));
        assertThat(attempt(publicHold(event, null, 1))).isInstanceOf(HoldOutcome.SoldOut.class);
    }

    @Test
    void aLaneHoldOfAChosenPublicSeatFindsItTaken() {
        long event = newEvent(1, 6);
        long lane = lane(event, 4, null);
        long publicSeat = seatIds(event).get(4);

        HoldOutcome outcome = attempt(new HoldRequest(buyer().id(), event, lane, List.of(publicSeat), 0, key(), "hash", new HoldReply()));

        assertThat(outcome).isEqualTo(new HoldOutcome.Taken(List.of(publicSeat)));
    }

    @Test
    void aPublicHoldOfAChosenLaneSeatFindsItTaken() {
        long event = newEvent(1, 6);
        long laneSeat = seatsOf(lane(event, 4, null)).get(0);

        assertThat(attempt(publicHold(event, List.of(laneSeat), 0))).isEqualTo(new HoldOutcome.Taken(List.of(laneSeat)));
    }

    /** One attempt in a transaction of its own, committed when it holds and rolled back otherwise, as the pipeline does. */
    private HoldOutcome attempt(HoldRequest hold) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TransactionalOperator transaction = TransactionalOperator.create(transactions);
        return transaction.execute(status -> singleHold.attempt(hold, now, now.plus(Duration.ofMinutes(5))).doOnNext(outcome -> {
            if (!(outcome instanceof HoldOutcome.Held)) {
                status.setRollbackOnly();
            }
        })).single().block();
    }

    private HoldRequest publicHold(long event, List<Long> seatIds, int quantity) {
        return new HoldRequest(buyer().id(), event, SeatPool.PUBLIC, seatIds, quantity, key(), "hash", new HoldReply());
    }

    private long lane(long event, int quota, List<String> sections) {
        return TestLanes.openLane(http, adminToken(), event, clock.instant(), quota, sections);
    }

    private List<Long> seatsOf(long lane) {
        return TestLanes.seatsOf(sql, lane);
    }

    private List<Long> seatsOfReservation(long reservation) {
        return sql.sql("SELECT id FROM seat WHERE reservation_id = :id ORDER BY id").bind("id", reservation)
            .map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}

package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class HoldPlannerTest {

    private static final int ROOMY = 1_000;

    @Test
    void bestAvailableHoldsGetSeatsInArrivalOrder() {
        HoldRequest first = Seats.best(2);
        HoldRequest second = Seats.best(2);

        HoldPlanner.Plan plan = plan(List.of(first, second), Map.of(), Seats.rows(1, 1, 4));

        assertThat(ids(plan.seats().get(first))).containsExactly(1L, 2L);
        assertThat(ids(plan.seats().get(second))).containsExactly(3L, 4L);
        assertThat(plan.outcomes()).containsOnlyNulls();
        assertThat(plan.seatsTaken()).isEqualTo(4);
    }

    @Test
    void bestAvailableLeavesSeatsChosenEarlierInTheBatch() {
        List<Seat> free = Seats.rows(1, 1, 4);
        HoldRequest chooser = Seats.chosen(1L, 2L);
        HoldRequest best = Seats.best(2);

        HoldPlanner.Plan plan = plan(List.of(chooser, best), byId(free.subList(0, 2)), free);

        assertThat(ids(plan.seats().get(chooser))).containsExactly(1L, 2L);
        assertThat(ids(plan.seats().get(best))).containsExactly(3L, 4L);
    }

    @Test
    void chosenSeatTakenEarlierInTheBatchIsNamed() {
        List<Seat> free = Seats.rows(1, 1, 4);
        HoldRequest best = Seats.best(2);
        HoldRequest late = Seats.chosen(2L, 3L);

        HoldPlanner.Plan plan = plan(List.of(best, late), byId(free.subList(1, 3)), free);

        assertThat(plan.outcomes().get(1)).isEqualTo(new HoldOutcome.Taken(List.of(2L)));
        assertThat(plan.seats()).containsOnlyKeys(best);
    }

    @Test
    void secondChooserOfTheSameSeatLosesIt() {
        HoldRequest first = Seats.chosen(7L);
        HoldRequest second = Seats.chosen(7L, 8L);
        List<Seat> free = Seats.rows(7, 1, 2);

        HoldPlanner.Plan plan = plan(List.of(first, second), byId(free), List.of());

        assertThat(plan.outcomes()).containsExactly(null, new HoldOutcome.Taken(List.of(7L)));
        assertThat(plan.seatsTaken()).isEqualTo(1);
    }

    @Test
    void chosenSeatThatIsNotFreeIsNamed() {
        HoldPlanner.Plan plan = plan(List.of(Seats.chosen(1L, 2L)), byId(Seats.rows(2, 1, 1)), List.of());

        assertThat(plan.outcomes()).containsExactly(new HoldOutcome.Taken(List.of(1L)));
        assertThat(plan.seatsTaken()).isZero();
    }

    @Test
    void bestAvailableWithNoSeatLeftIsSoldOut() {
        HoldPlanner.Plan plan = plan(List.of(Seats.best(2), Seats.best(1)), Map.of(), Seats.rows(1, 1, 2));

        assertThat(plan.outcomes()).containsExactly(null, new HoldOutcome.SoldOut());
    }

    @Test
    void bestAvailableWithTooFewSeatsLeftIsNotEnough() {
        HoldPlanner.Plan plan = plan(List.of(Seats.best(2), Seats.best(2)), Map.of(), Seats.rows(1, 1, 3));

        assertThat(plan.outcomes()).containsExactly(null, new HoldOutcome.NotEnough());
    }

    @Test
    void windowThatRanDryLeavesTheBatchUndecided() {
        List<Seat> window = Seats.rows(1, 1, 3);

        assertThat(HoldPlanner.plan(List.of(Seats.best(2), Seats.best(2)), Map.of(), window, window.size())).isEmpty();
    }

    private static HoldPlanner.Plan plan(List<HoldRequest> batch, Map<Long, Seat> freeChosen, List<Seat> candidates) {
        return HoldPlanner.plan(batch, freeChosen, candidates, ROOMY).orElseThrow();
    }

    private static Map<Long, Seat> byId(List<Seat> seats) {
        return seats.stream().collect(Collectors.toMap(Seat::id, Function.identity()));
    }

    private static List<Long> ids(List<Seat> seats) {
        return seats.stream().map(Seat::id).toList();
    }
}

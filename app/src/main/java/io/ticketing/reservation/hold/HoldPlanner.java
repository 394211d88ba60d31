package io.ticketing.reservation.hold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a whole batch of holds against the free seats read for it, in memory and in arrival
 * order: a chosen-seat hold gets its seats if they are free and no earlier hold of the batch took
 * them; a best-available hold gets the {@link BestAvailable} pick among the candidates nobody
 * earlier claimed. Pure, so its rules are unit-tested without a database.
 */
final class HoldPlanner {

    /**
     * @param batch      the holds, in arrival order
     * @param outcomes   one per hold, in batch order; {@code null} for a hold that gets its seats
     * @param seats      the seats of every hold that gets some, in arrival order
     * @param seatsTaken how many seats the whole batch takes
     */
    record Plan(List<HoldRequest> batch, List<HoldOutcome> outcomes, Map<HoldRequest, List<Seat>> seats, int seatsTaken) {
    }

    private HoldPlanner() {
    }

    /**
     * @param freeChosen the chosen seats of the batch that are free, by id
     * @param candidates free seats in seat-map order, at most {@code window} of them
     * @param window     how many free seats were asked for: a full window means more may exist
     * @return empty when the window ran dry before a best-available hold was decided: the event may
     *         have more free seats than were read, so the batch must be decided hold by hold
     */
    static Optional<Plan> plan(List<HoldRequest> batch, Map<Long, Seat> freeChosen, List<Seat> candidates, int window) {
        Set<Long> claimed = new HashSet<>();
        List<HoldOutcome> outcomes = new ArrayList<>();
        Map<HoldRequest, List<Seat>> seats = new LinkedHashMap<>();
        Map<Long, Seat> byId = new HashMap<>(freeChosen);
        candidates.forEach(c -> byId.put(c.id(), c));
        for (HoldRequest hold : batch) {
            if (hold.chosen()) {
                List<Long> missing = hold.seatIds().stream().filter(id -> !freeChosen.containsKey(id) || claimed.contains(id)).toList();
                if (missing.isEmpty()) {
                    claimed.addAll(hold.seatIds());
                    seats.put(hold, hold.seatIds().stream().map(freeChosen::get).toList());
                    outcomes.add(null);
                }
                else {
                    outcomes.add(new HoldOutcome.Taken(missing));
                }
                continue;
            }
            List<Seat> left = candidates.stream().filter(c -> !claimed.contains(c.id())).toList();
            List<Long> picked = BestAvailable.pick(left, hold.quantity());
            if (!picked.isEmpty()) {
                claimed.addAll(picked);
                seats.put(hold, picked.stream().map(byId::get).toList());
                outcomes.add(null);
            }
            else if (candidates.size() >= window) {
                return Optional.empty();
            }
            else {
                outcomes.add(left.isEmpty() ? new HoldOutcome.SoldOut() : new HoldOutcome.NotEnough());
            }
        }
        return Optional.of(new Plan(batch, outcomes, seats, claimed.size()));
    }
}

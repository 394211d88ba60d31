package io.ticketing.reservation.hold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Commits a whole batch of holds with a handful of set-based statements, whatever its size: claim
 * a window of free seats no other transaction is taking, plan them in memory in arrival order
 * ({@link HoldPlanner}), insert the
 * reservations in one statement, take the buyers' shares in one conditional UPDATE, take every seat
 * in one conditional UPDATE, record them in one INSERT.
 *
 * <p>The UPDATEs still only take seats that are AVAILABLE and shares that stay within the limit,
 * and their matched-row counts must equal the plan. If another instance took a seat in between, or
 * a buyer would go over their share, {@link RaceLost} is thrown, the transaction rolls back and the
 * caller replays the batch hold by hold, where each hold learns its own answer.
 */
@Component
class BatchHolds {

    /** Extra free seats read beyond what the batch asks for, so chosen-seat collisions rarely exhaust the window. */
    private static final int SPARE = 64;

    private final HoldRepository reservations;
    private final FreeSeatHint hint;
    private final HoldSettings settings;

    BatchHolds(HoldRepository reservations, FreeSeatHint hint, HoldSettings settings) {
        this.reservations = reservations;
        this.hint = hint;
        this.settings = settings;
    }

    /** Outcomes in batch order; must run inside a transaction. */
    Mono<List<HoldOutcome>> commit(List<HoldRequest> batch, Instant now, Instant expiresAt) {
        // One queue per pool: every hold of the batch takes seats of this one.
        SeatPool pool = batch.get(0).pool();
        List<Long> chosen = batch.stream().filter(HoldRequest::chosen).flatMap(h -> h.seatIds().stream()).distinct().toList();
        int wanted = batch.stream().filter(h -> !h.chosen()).mapToInt(HoldRequest::quantity).sum();
        int window = wanted + chosen.size() + SPARE;
        Mono<Map<Long, Seat>> freeChosen = chosen.isEmpty() ? Mono.just(Map.of())
            : reservations.freeAmong(pool, chosen).collectMap(Seat::id);
        long from = hint.from(pool);
        return freeChosen.flatMap(free -> plan(batch, free, pool, from, window, true)
                // Claimed seats leave out those other transactions are taking, and seats released below
                // the hint are not in its window: a refusal is only true once every free seat has been looked at.
                .filter(plan -> !refuses(plan))
                .switchIfEmpty(Mono.defer(() -> plan(batch, free, pool, 0, window, false))))
            // The window ran dry even so: it may hide free seats, and the careful path decides.
            .switchIfEmpty(Mono.error(RaceLost::new))
            .flatMap(plan -> plan.seatsTaken() == 0 ? Mono.just(plan.outcomes()) : write(plan, pool, now, expiresAt));
    }

    /**
     * Plans the batch on a window of free seats: claimed ones (locked for this transaction, skipping
     * those others are taking, so that instances racing for one event plan different seats) or all of
     * them. Empty when the window ran dry.
     */
    private Mono<HoldPlanner.Plan> plan(List<HoldRequest> batch, Map<Long, Seat> freeChosen, SeatPool pool, long from, int window, boolean claim) {
        Mono<List<Seat>> candidates = batch.stream().allMatch(HoldRequest::chosen) ? Mono.just(List.of())
            : (claim ? reservations.claim(pool, from, window) : reservations.available(pool, from, window)).collectList()
                .doOnNext(free -> {
                    if (!free.isEmpty()) {
                        if (from == 0 && !claim) {
                            // Read from the very first seat, skipping none: the first free one is known exactly.
                            hint.lower(pool, free.get(0).id());
                        }
                        // Below the first claimed seat every seat was taken or being taken: scans may start there.
                        hint.advance(pool, free.get(0).id());
                    }
                });
        return candidates.flatMap(free -> Mono.justOrEmpty(HoldPlanner.plan(batch, freeChosen, free, window)));
    }

    private static boolean refuses(HoldPlanner.Plan plan) {
        return plan.outcomes().stream().anyMatch(o -> o instanceof HoldOutcome.SoldOut || o instanceof HoldOutcome.NotEnough);
    }

    private Mono<List<HoldOutcome>> write(HoldPlanner.Plan plan, SeatPool pool, Instant now, Instant expiresAt) {
        List<HoldRequest> winners = new ArrayList<>(plan.seats().keySet());
        Map<Long, Integer> seatsByUser = new LinkedHashMap<>();
        plan.seats().forEach((hold, seats) -> seatsByUser.merge(hold.userId(), seats.size(), Integer::sum));
        return reservations.insertHeld(winners, expiresAt, now)
            // A buyer's share is of the event, whichever lane the seats come from.
            .then(reservations.takeShares(pool.eventId(), seatsByUser, settings.maxSeatsPerBuyer()))
            .flatMap(buyers -> buyers != seatsByUser.size() ? Mono.error(new RaceLost()) : reservations.reservationIds(winners))
            .flatMap(ids -> reservations.holdSeats(pool, owners(plan, ids))
                .flatMap(taken -> taken != plan.seatsTaken() ? Mono.error(new RaceLost()) : reservations.recordSeats(seatsByReservation(plan, ids)))
                .thenReturn(ids))
            .map(ids -> {
                List<HoldOutcome> outcomes = new ArrayList<>(plan.outcomes());
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) == null) {
                        HoldRequest hold = plan.batch().get(i);
                        long id = ids.get(hold);
                        outcomes.set(i, new HoldOutcome.Held(id, inSeatOrder(plan.seats().get(hold)), expiresAt));
                    }
                }
                return outcomes;
            });
    }

    private static Map<Long, Long> owners(HoldPlanner.Plan plan, Map<HoldRequest, Long> ids) {
        Map<Long, Long> reservationBySeat = new LinkedHashMap<>();
        plan.seats().forEach((hold, seats) -> seats.forEach(seat -> reservationBySeat.put(seat.id(), ids.get(hold))));
        return reservationBySeat;
    }

    private static Map<Long, List<Long>> seatsByReservation(HoldPlanner.Plan plan, Map<HoldRequest, Long> ids) {
        Map<Long, List<Long>> seats = new LinkedHashMap<>();
        plan.seats().forEach((hold, taken) -> seats.put(ids.get(hold), HoldRepository.ids(taken)));
        return seats;
    }

    private static List<Seat> inSeatOrder(List<Seat> seats) {
        // In seat id order, as a reservation read back from the database lists them.
        return seats.stream().sorted(Comparator.comparingLong(Seat::id)).toList();
    }

    /** The set-based plan cannot be committed as planned; the batch is replayed hold by hold. */
    static final class RaceLost extends RuntimeException {

        RaceLost() {
            super("a seat or share planned for this batch was taken meanwhile", null, false, false);
        }
    }
}

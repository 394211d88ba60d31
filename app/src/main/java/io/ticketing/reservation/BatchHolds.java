package io.ticketing.reservation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Commits a whole batch of holds with a handful of set-based statements, whatever its size: read
 * the free seats once, assign them in memory in arrival order, insert the reservations in one
 * statement, take every seat in one conditional UPDATE, record them in one INSERT.
 *
 * <p>The UPDATE still only takes seats that are AVAILABLE, and its matched-row count must equal
 * the seats planned. If another instance took one in between, {@link RaceLost} is thrown, the
 * transaction rolls back and the caller replays the batch hold by hold.
 */
@Component
class BatchHolds {

    /** Extra free seats read beyond what the batch asks for, so chosen-seat collisions rarely exhaust the window. */
    private static final int SPARE = 64;

    private final DatabaseClient db;
    private final ReservationRepository reservations;
    private final FreeSeatHint hint;

    BatchHolds(DatabaseClient db, ReservationRepository reservations, FreeSeatHint hint) {
        this.db = db;
        this.reservations = reservations;
        this.hint = hint;
    }

    /** Outcomes in batch order; must run inside a transaction. */
    Mono<List<HoldOutcome>> commit(List<HoldRequest> batch, Instant now, Instant expiresAt) {
        long eventId = batch.get(0).eventId();
        List<Long> chosen = batch.stream().filter(HoldRequest::chosen).flatMap(h -> h.seatIds().stream()).distinct().toList();
        int wanted = batch.stream().filter(h -> !h.chosen()).mapToInt(HoldRequest::quantity).sum();
        Mono<Map<Long, ReservationRepository.Candidate>> freeChosen = chosen.isEmpty() ? Mono.just(Map.of())
            : reservations.freeAmong(eventId, chosen).collectMap(ReservationRepository.Candidate::id);
        Mono<List<ReservationRepository.Candidate>> candidates = wanted == 0 ? Mono.just(List.of())
            : reservations.available(eventId, hint.from(eventId), wanted + chosen.size() + SPARE).collectList()
                .doOnNext(free -> {
                    if (!free.isEmpty()) {
                        hint.advance(eventId, free.get(0).id());
                    }
                });
        int window = wanted + chosen.size() + SPARE;
        return Mono.zip(freeChosen, candidates)
            // A window that ran dry may hide free seats: the careful path decides.
            .flatMap(free -> Mono.justOrEmpty(HoldPlanner.plan(batch, free.getT1(), free.getT2(), window)).switchIfEmpty(Mono.error(RaceLost::new)))
            .flatMap(plan -> plan.seatsTaken() == 0 ? Mono.just(plan.outcomes()) : write(plan, eventId, now, expiresAt));
    }

    private static ReservationView view(long id, long eventId, List<ReservationRepository.Candidate> seats, Instant expiresAt) {
        // In seat id order, as a reservation read back from the database lists them.
        return new ReservationView(id, eventId, "HELD", seats.stream().map(ReservationRepository.Candidate::ref)
            .sorted(java.util.Comparator.comparingLong(ReservationView.SeatRef::id)).toList(), expiresAt);
    }

    private Mono<List<HoldOutcome>> write(HoldPlanner.Plan plan, long eventId, Instant now, Instant expiresAt) {
        List<HoldRequest> winners = new ArrayList<>(plan.seats().keySet());
        return insertReservations(winners, now, expiresAt)
            .then(reservationIds(winners))
            .flatMap(ids -> takeSeats(eventId, plan, ids)
                .flatMap(taken -> taken != plan.seatsTaken() ? Mono.error(new RaceLost()) : recordSeats(plan, ids))
                .thenReturn(ids))
            .map(ids -> {
                List<HoldOutcome> outcomes = new ArrayList<>(plan.outcomes());
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) == null) {
                        HoldRequest hold = plan.batch().get(i);
                        long id = ids.get(hold);
                        outcomes.set(i, new HoldOutcome.Held(id, view(id, eventId, plan.seats().get(hold), expiresAt)));
                    }
                }
                return outcomes;
            });
    }

    private Mono<Void> insertReservations(List<HoldRequest> holds, Instant now, Instant expiresAt) {
        StringBuilder sql = new StringBuilder("""
            INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at) VALUES """);
        for (int i = 0; i < holds.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(:e, :u").append(i).append(", 'HELD', :exp, :k").append(i).append(", :h").append(i).append(", :now, :now)");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString())
            .bind("e", holds.get(0).eventId()).bind("exp", utc(expiresAt)).bind("now", utc(now));
        for (int i = 0; i < holds.size(); i++) {
            spec = spec.bind("u" + i, holds.get(i).userId()).bind("k" + i, holds.get(i).idempotencyKey()).bind("h" + i, holds.get(i).requestHash());
        }
        return spec.then();
    }

    private Mono<Map<HoldRequest, Long>> reservationIds(List<HoldRequest> holds) {
        // Two plain IN lists walk the (user_id, idempotency_key) unique index; a row-constructor IN
        // would not on every engine. The cross product's strays are dropped below.
        Map<String, HoldRequest> byKey = new HashMap<>();
        holds.forEach(hold -> byKey.put(hold.userId() + "/" + hold.idempotencyKey(), hold));
        return db.sql("SELECT id, user_id, idempotency_key FROM reservation WHERE user_id IN (:users) AND idempotency_key IN (:keys)")
            .bind("users", holds.stream().map(HoldRequest::userId).distinct().toList())
            .bind("keys", holds.stream().map(HoldRequest::idempotencyKey).distinct().toList())
            .map(row -> Map.entry(row.get("user_id", Long.class) + "/" + row.get("idempotency_key", String.class), row.get("id", Long.class)))
            .all()
            .filter(entry -> byKey.containsKey(entry.getKey()))
            .collectMap(entry -> byKey.get(entry.getKey()), Map.Entry::getValue);
    }

    private Mono<Long> takeSeats(long eventId, HoldPlanner.Plan plan, Map<HoldRequest, Long> ids) {
        StringBuilder owner = new StringBuilder("CASE id");
        List<Long> all = new ArrayList<>();
        int n = 0;
        for (var entry : plan.seats().entrySet()) {
            for (ReservationRepository.Candidate seat : entry.getValue()) {
                owner.append(" WHEN :s").append(n).append(" THEN :r").append(n);
                all.add(seat.id());
                n++;
            }
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE seat SET status = 'HELD', reservation_id = " + owner + " END"
                + " WHERE event_id = :e AND id IN (:ids) AND status = 'AVAILABLE'")
            .bind("e", eventId).bind("ids", all);
        n = 0;
        for (var entry : plan.seats().entrySet()) {
            for (ReservationRepository.Candidate seat : entry.getValue()) {
                spec = spec.bind("s" + n, seat.id()).bind("r" + n, ids.get(entry.getKey()));
                n++;
            }
        }
        return spec.fetch().rowsUpdated();
    }

    private Mono<Void> recordSeats(HoldPlanner.Plan plan, Map<HoldRequest, Long> ids) {
        Map<Long, List<Long>> seatsByReservation = new LinkedHashMap<>();
        plan.seats().forEach((hold, seats) -> seatsByReservation.put(ids.get(hold), seats.stream().map(ReservationRepository.Candidate::id).toList()));
        return reservations.recordSeats(seatsByReservation);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The set-based plan cannot be committed as planned; the batch is replayed hold by hold. */
    static final class RaceLost extends RuntimeException {

        RaceLost() {
            super("a seat planned for this batch was taken meanwhile", null, false, false);
        }
    }
}

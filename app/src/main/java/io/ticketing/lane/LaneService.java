package io.ticketing.lane;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;

import io.ticketing.config.Transactions;
import io.ticketing.resilience.Deadlocks;
import io.ticketing.web.Problems;

@Service
class LaneService {

    /** Codes per chunk of the CSV download: the body streams, never 100,000 codes in one string. */
    private static final int CODES_PER_CHUNK = 1_000;

    private final LaneRepository lanes;
    private final AccessCodes codes;
    private final TransactionalOperator transaction;
    private final Clock clock;

    LaneService(LaneRepository lanes, AccessCodes codes, ReactiveTransactionManager transactions, Clock clock) {
        this.lanes = lanes;
        this.codes = codes;
        // Moving seats in or out of a lane reads committed, as the holds' own transactions do: an UPDATE
        // then keeps no lock on the seats it passes over, so a sale under way waits only on the seats it moves.
        this.transaction = Transactions.readCommitted(transactions);
        this.clock = clock;
    }

    /**
     * The lane takes its quota of seats from the public lane in its own insert's transaction: the
     * seats are what a lane sells, so there is no count that could disagree with them. The event row
     * is locked first, so lanes added to one event at once take their seats one after the other.
     */
    Mono<LaneView> create(long eventId, NewLane request) {
        return Mono.fromCallable(() -> LaneRules.checked(request))
            .flatMap(kind -> transaction.transactional(lanes.lockEvent(eventId)
                    .flatMap(exists -> exists ? lanes.sections(eventId) : Mono.error(Problems.notFound("No event " + eventId)))
                    .doOnNext(sections -> LaneRules.checkSections(request.sections(), sections))
                    .then(Mono.defer(() -> lanes.insert(eventId, request, kind, clock.instant().truncatedTo(ChronoUnit.MICROS))))
                    .flatMap(laneId -> lanes.assignSeats(eventId, laneId, request.quota(), request.sections())
                        .flatMap(assigned -> assigned < request.quota() ? Mono.error(overCapacity(request, assigned)) : Mono.just(laneId)))
                    .flatMap(laneId -> hashes(laneId, kind, request.codes())
                        .flatMap(hashes -> lanes.insertHashes(laneId, hashes))
                        .thenReturn(laneId)))
                // Taking seats meets the holds of a sale under way on the same rows.
                .retryWhen(Deadlocks.RETRY))
            .onErrorMap(DuplicateKeyException.class,
                e -> Problems.conflict("code-in-use", "codes.shared is in use by another lane: choose another"))
            .flatMap(laneId -> lanes.find(eventId, laneId));
    }

    private static ErrorResponseException overCapacity(NewLane request, long free) {
        String where = request.sections() == null ? "" : " in " + String.join(", ", request.sections());
        return Problems.of(HttpStatus.BAD_REQUEST, "quota-over-capacity",
            "quota " + request.quota() + " does not fit: " + free + " seats" + where + " are free and not in another lane",
            Map.of("quota", request.quota(), "free", free));
    }

    Flux<LaneView> list(long eventId) {
        return lanes.eventExists(eventId)
            .flatMapMany(exists -> exists ? lanes.list(eventId) : Flux.error(Problems.notFound("No event " + eventId)));
    }

    /**
     * The lane's codes as CSV, once: the conditional UPDATE lets exactly one request through, and
     * the codes are re-derived from the key since they were never stored.
     */
    Mono<Flux<String>> downloadCodes(long eventId, long laneId) {
        return lanes.find(eventId, laneId)
            .switchIfEmpty(Mono.error(() -> Problems.notFound("No lane " + laneId + " in event " + eventId)))
            .flatMap(lane -> lanes.markDownloaded(eventId, laneId, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .flatMap(first -> first ? csv(lane)
                    : Mono.error(Problems.of(HttpStatus.GONE, "codes-downloaded",
                        "The codes of lane " + laneId + " were downloaded already; they are shown once"))));
    }

    private Mono<Flux<String>> csv(LaneView lane) {
        if (lane.codeKind() == CodeKind.SHARED) {
            String generated = codes.generatedShared(lane.id());
            // An operator's own shared code was never stored: only a generated one can be shown again.
            return lanes.codeOfLane(lane.id(), AccessCodes.hash(generated))
                .map(ours -> Flux.just(ours ? "code\n" + generated + "\n" : "code\n"));
        }
        int count = lane.codeCount();
        return Mono.just(Flux.concat(Flux.just("code\n"), Flux.range(0, (count + CODES_PER_CHUNK - 1) / CODES_PER_CHUNK)
            .map(chunk -> {
                StringBuilder lines = new StringBuilder();
                for (int i = chunk * CODES_PER_CHUNK; i < Math.min(count, (chunk + 1) * CODES_PER_CHUNK); i++) {
                    lines.append(codes.single(lane.id(), i)).append('\n');
                }
                return lines.toString();
            })));
    }

    /** Deriving and hashing 100,000 codes takes a CPU for a moment: not on the event loop. */
    private Mono<List<String>> hashes(long laneId, CodeKind kind, NewLane.Codes requested) {
        return Mono.fromCallable(() -> {
            if (kind == CodeKind.SHARED) {
                String shared = requested.shared() != null ? requested.shared() : codes.generatedShared(laneId);
                return List.of(AccessCodes.hash(shared));
            }
            List<String> hashes = new ArrayList<>(requested.count());
            for (int i = 0; i < requested.count(); i++) {
                hashes.add(AccessCodes.hash(codes.single(laneId, i)));
            }
            return hashes;
        }).subscribeOn(Schedulers.parallel());
    }
}

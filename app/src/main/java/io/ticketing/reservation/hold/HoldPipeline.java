package io.ticketing.reservation.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.ticketing.config.Transactions;
import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.Deadlocks;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;

/**
 * Group commit for seat holds. Each seat pool (an event's public lane, or one of its presale lanes)
 * has one bounded queue on this instance; holds that
 * arrive together are committed together, one transaction per batch, each hold inside it guarded
 * by a savepoint so that a taken seat undoes only its own hold. When the queue is full the caller
 * hears so at once (503 with Retry-After) rather than waiting into a timeout.
 *
 * <p>Correctness never depends on this being the only writer: other instances run their own
 * pipelines, and every seat change is a conditional UPDATE that a racing writer cannot win twice.
 */
@Component
public class HoldPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HoldPipeline.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A best-available pick is lost only on its fallback read (see {@link SingleHold}), and only to a
     * transaction that committed those seats, so every lost attempt is seats sold elsewhere and the
     * retries end when the event sells out; the cap only bounds the work one hold may cause.
     */
    private static final int BEST_AVAILABLE_ATTEMPTS = 16;

    private final HoldRepository reservations;
    private final BatchHolds batchHolds;
    private final SingleHold singleHold;
    private final TransactionalOperator transaction;
    private final DependencyBreakers breakers;
    private final EventCatalog catalog;
    private final HoldSettings settings;
    private final FreeSeatHint hint;
    private final Clock clock;
    /** An event's queue is made on its first hold, from the settings the constructor keeps. */
    private final HoldQueues queues = new HoldQueues(this::newQueue);
    private final Disposable sweeper = queues.sweep(Schedulers.parallel());
    private volatile boolean closing;
    private final AtomicLong savepoints = new AtomicLong();
    private final DistributionSummary batchSizes;
    private final Counter replays;
    private final Counter abandoned;

    HoldPipeline(HoldRepository reservations, BatchHolds batchHolds, SingleHold singleHold, FreeSeatHint hint, ReactiveTransactionManager transactions,
                 EventCatalog catalog, HoldSettings settings, Clock clock, MeterRegistry meters, DependencyBreakers breakers) {
        this.batchSizes = DistributionSummary.builder("ticketing.holds.batch.size")
            .description("Holds committed together in one transaction")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128).register(meters);
        this.replays = meters.counter("ticketing.holds.batch.replays");
        this.abandoned = Counter.builder("ticketing.holds.abandoned")
            .description("Holds dropped or undone because their callers had gone (timed out, disconnected)").register(meters);
        this.reservations = reservations;
        this.batchHolds = batchHolds;
        this.singleHold = singleHold;
        // Read committed: a batch replayed hold by hold after losing a race must see the seats other
        // instances took meanwhile, not the snapshot its first read fixed (REPEATABLE READ would
        // pick the same taken seats again and answer a false "taken"). Every seat change is a
        // conditional UPDATE, so no decision depends on the snapshot staying put.
        this.transaction = Transactions.readCommitted(transactions);
        this.catalog = catalog;
        this.settings = settings;
        this.hint = hint;
        this.clock = clock;
        this.breakers = breakers;
    }

    /**
     * Queues a hold for seats of lane {@code laneId} (0: the public lane) and answers its outcome
     * once its batch has committed. Exactly one of {@code seatIds} (chosen seats) and
     * {@code quantity} (best available) is set; cancelling the answer tells the pipeline the caller
     * is gone.
     */
    public Mono<HoldOutcome> submit(long userId, long eventId, long laneId, List<Long> seatIds, Integer quantity, String idempotencyKey,
                                    String requestHash) {
        return submit(new HoldRequest(userId, eventId, laneId, seatIds, quantity == null ? 0 : quantity, idempotencyKey, requestHash,
            new HoldReply()));
    }

    Mono<HoldOutcome> submit(HoldRequest hold) {
        return Mono.defer(() -> {
            if (closing) {
                return Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy", "This server is shutting down; retry and another will answer"));
            }
            if (!queues.offer(hold.pool(), hold)) {
                return Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy",
                    "Too many holds for this event are waiting; retry in a moment"));
            }
            return hold.reply().asMono();
        });
    }

    private HoldQueue newQueue() {
        return new HoldQueue(settings.queueCapacity(), settings.batchSize(), settings.batchWait(), Schedulers.parallel(), this::commit,
            clock::millis);
    }

    /** The event queues of this instance, for tests. */
    HoldQueues queues() {
        return queues;
    }

    /**
     * One transaction for the whole batch; every hold in it learns its own outcome. The set-based
     * plan commits the batch in a few statements; when it cannot (a seat went to another instance
     * meanwhile, or a repeated Idempotency-Key), the batch is replayed hold by hold.
     */
    private Mono<Void> commit(List<HoldRequest> queued) {
        // Holds whose callers gave up while waiting are dropped here: they never commit.
        List<HoldRequest> batch = queued.stream().filter(hold -> hold.reply().take()).toList();
        abandoned.increment(queued.size() - batch.size());
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        // Microseconds: what the database keeps, so an answer built here equals one read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(settings.holdTtl());
        batchSizes.record(batch.size());
        long eventId = batch.get(0).eventId();
        // One call to the database per batch, for its breaker too: a failed batch is one failure, however many holds it carried.
        // The call ends with the commit: what follows cannot make a committed hold's answer a failure.
        return breakers.database(transaction.transactional(Mono.defer(() -> batchHolds.commit(batch, now, expiresAt)))
                .onErrorResume(HoldPipeline::replayable,
                    e -> Mono.fromRunnable(replays::increment).then(transaction.transactional(Flux.fromIterable(batch).concatMap(hold -> holdOne(hold, now, expiresAt)).collectList())
                        .retryWhen(Deadlocks.RETRY))))
            .onErrorResume(e -> {
                log.warn("Hold batch of {} for event {} rolled back: {}", batch.size(), eventId, e.toString());
                batch.forEach(hold -> hold.reply().fail(e));
                return Mono.empty();
            })
            .flatMap(outcomes -> seatsChanged(eventId).then(Mono.fromRunnable(() -> {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).reply().succeed(outcomes.get(i));
                }
            })).then(forgetAbandoned(batch, outcomes)));
    }

    /** The set-based plan could not stand (a seat or a share went elsewhere, a repeated key, a deadlock): each hold on its own. */
    private static boolean replayable(Throwable e) {
        return e instanceof BatchHolds.RaceLost || e instanceof DuplicateKeyException || Deadlocks.victim(e);
    }

    /**
     * Holds whose callers left while their batch committed are removed right after it, each in its
     * own guarded transaction. One that cannot be removed now (its rows locked past the time limit,
     * the database gone) stays held until it expires: its seats wait out the hold's minutes, but no
     * answer already given changes. A hold whose retry (its key) waits in the same batch is kept: the
     * retry was answered with it.
     */
    private Mono<Void> forgetAbandoned(List<HoldRequest> batch, List<HoldOutcome> outcomes) {
        List<Mono<Void>> forgets = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            HoldRequest hold = batch.get(i);
            if (outcomes.get(i) instanceof HoldOutcome.Held held && hold.reply().goneWhileCommitting() && !retriedIn(batch, outcomes, hold)) {
                abandoned.increment();
                forgets.add(breakers.database(transaction.transactional(reservations.forget(held.reservationId(), hold.eventId(), hold.userId()))
                        .retryWhen(Deadlocks.RETRY))
                    .onErrorResume(e -> {
                        log.warn("Could not undo abandoned hold {}; it ends when it expires: {}", held.reservationId(), e.toString());
                        return Mono.empty();
                    }));
            }
        }
        return forgets.isEmpty() ? Mono.empty() : Flux.concat(forgets).then(seatsChanged(batch.get(0).eventId()));
    }

    /** Whether a retry of {@code hold}, one with its buyer, key and body, is in the batch and its caller still waits. */
    private static boolean retriedIn(List<HoldRequest> batch, List<HoldOutcome> outcomes, HoldRequest hold) {
        for (int i = 0; i < batch.size(); i++) {
            HoldRequest other = batch.get(i);
            if (outcomes.get(i) instanceof HoldOutcome.Duplicate && other.userId() == hold.userId()
                && other.idempotencyKey().equals(hold.idempotencyKey()) && other.requestHash().equals(hold.requestHash())
                && !other.reply().goneWhileCommitting()) {
                return true;
            }
        }
        return false;
    }

    /** The event's counts are read again; a failure to say so only leaves them stale a little longer. */
    private Mono<Void> seatsChanged(long eventId) {
        return catalog.seatsChanged(eventId).onErrorResume(e -> {
            log.warn("Could not mark the seat counts of event {} as changed: {}", eventId, e.toString());
            return Mono.empty();
        });
    }

    private Mono<HoldOutcome> holdOne(HoldRequest hold, Instant now, Instant expiresAt) {
        return holdOne(hold, now, expiresAt, BEST_AVAILABLE_ATTEMPTS);
    }

    /** Best available that lost its seats to another instance between reading and taking looks again, on fresh reads. */
    private Mono<HoldOutcome> holdOne(HoldRequest hold, Instant now, Instant expiresAt, int attemptsLeft) {
        return attempt(hold, now, expiresAt).flatMap(outcome -> {
            if (!(outcome instanceof HoldOutcome.Taken) || hold.chosen()) {
                return Mono.just(outcome);
            }
            // Seats exist but others keep winning them: "taken" would be a false answer to a best-available hold.
            return attemptsLeft > 1 ? holdOne(hold, now, expiresAt, attemptsLeft - 1) : Mono.just(new HoldOutcome.Contended());
        });
    }

    private Mono<HoldOutcome> attempt(HoldRequest hold, Instant now, Instant expiresAt) {
        String savepoint = "hold_" + savepoints.incrementAndGet();
        return reservations.savepoint(savepoint)
            .then(singleHold.attempt(hold, now, expiresAt))
            .flatMap(outcome -> outcome instanceof HoldOutcome.Held
                ? Mono.just(outcome)
                : reservations.rollbackTo(savepoint).thenReturn(outcome));
    }

    /**
     * Gives an ended hold's seats back: on sale again, and back in its buyer's share. Runs inside
     * the caller's transaction, after the conditional status change that ended the hold, so that
     * only the one caller that ended it gives them back.
     */
    public Mono<Void> release(long reservationId, long eventId, long userId) {
        return freed(reservationId, eventId).then(reservations.giveBack(reservationId, eventId, userId));
    }

    /**
     * Puts the seats of a reservation that took no share back on sale: an offer to the waiting list
     * that passed. Runs inside the caller's transaction, after the conditional status change that ended it.
     */
    public Mono<Void> returnSeats(long reservationId, long eventId) {
        return freed(reservationId, eventId).then(reservations.releaseSeats(reservationId)).then();
    }

    /** Best-available scans on this instance start at the lowest of the seats about to be freed, in their own lane. */
    private Mono<Void> freed(long reservationId, long eventId) {
        return reservations.lowestSeat(reservationId, eventId).doOnNext(seat -> hint.lower(seat.pool(), seat.id())).then();
    }

    /**
     * Adds {@code seats} to the buyer's share of the event with the conditional UPDATE every hold
     * takes its share with, inside the caller's transaction; false when that would go over the
     * limit. For a reservation made without a share: an offer to the waiting list, once taken.
     */
    public Mono<Boolean> takeShare(long eventId, long userId, int seats) {
        return reservations.takeShares(eventId, Map.of(userId, seats), settings.maxSeatsPerBuyer()).map(taken -> taken == 1);
    }

    /** Seats the buyer holds or has bought for the event: their share. */
    public Mono<Integer> share(long eventId, long userId) {
        return reservations.share(eventId, userId);
    }

    /**
     * Runs once the web server has finished its in-flight requests: what is still queued (holds
     * whose callers gave up waiting) is committed in its batches, each all or nothing, before the
     * connection pool closes. New holds are refused from the first moment.
     */
    @Override
    public void destroy() {
        closing = true;
        sweeper.dispose();
        Mono<Void> drained = queues.close();
        try {
            // The shutdown thread, never an event loop: waiting here is what it is for.
            drained.block(DRAIN_TIMEOUT);
        }
        catch (RuntimeException e) {
            log.warn("Hold pipeline not drained within {}: {}", DRAIN_TIMEOUT, e.toString());
        }
        queues.dispose();
    }

}

package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** How holds are gathered into batches, on virtual time: no database, no waiting. */
class HoldQueueTest {

    private static final int BATCH = 3;
    private static final Duration WAIT = Duration.ofMillis(2);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<List<HoldRequest>> committed = new CopyOnWriteArrayList<>();
    /** Completes the batch being committed; until then the next batch waits. */
    private Sinks.Empty<Void> commitDone = Sinks.empty();
    private HoldQueue queue;
    private Disposable subscription;

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.dispose();
        }
        if (subscription != null) {
            subscription.dispose();
        }
        time.dispose();
    }

    @Test
    void aFullBatchLeavesWithoutWaiting() {
        List<HoldRequest> holds = holds(BATCH);

        List<List<HoldRequest>> batches = batchesOf(Flux.fromIterable(holds));

        assertThat(batches).containsExactly(holds);
    }

    @Test
    void aLoneHoldLeavesOnceItHasWaitedTheBatchWait() {
        HoldRequest hold = Seats.best(1);
        List<List<HoldRequest>> batches = batchesOf(Flux.just(hold));

        time.advanceTimeBy(WAIT.minusNanos(1));
        assertThat(batches).isEmpty();
        time.advanceTimeBy(Duration.ofNanos(1));
        assertThat(batches).containsExactly(List.of(hold));
    }

    @Test
    void holdsArrivingWithinTheWaitShareABatch() {
        HoldRequest first = Seats.best(1);
        HoldRequest second = Seats.best(1);
        List<List<HoldRequest>> batches = batchesOf(Flux.just(first).concatWith(Mono.just(second).delayElement(Duration.ofMillis(1), time)));

        time.advanceTimeBy(WAIT.minusNanos(1));
        assertThat(batches).isEmpty();
        time.advanceTimeBy(Duration.ofNanos(1));
        assertThat(batches).containsExactly(List.of(first, second));
    }

    /**
     * What leaves the batcher for {@code holds} followed by silence, on this test's own clock (a
     * virtual clock installed for the whole JVM would stop the schedulers of the contexts that
     * other tests leave running).
     */
    private List<List<HoldRequest>> batchesOf(Flux<HoldRequest> holds) {
        List<List<HoldRequest>> batches = new CopyOnWriteArrayList<>();
        subscription = HoldQueue.batches(holds.concatWith(Flux.never()), BATCH, WAIT, time).subscribe(batches::add);
        return batches;
    }

    @Test
    void theNextBatchCommitsOnlyAfterThePreviousOne() {
        queue = queue(64);
        List<HoldRequest> holds = holds(2 * BATCH);
        holds.forEach(queue::offer);

        assertThat(committed).containsExactly(holds.subList(0, BATCH));
        finishCommit();
        assertThat(committed).containsExactly(holds.subList(0, BATCH), holds.subList(BATCH, 2 * BATCH));
    }

    @Test
    void aFullQueueRefusesAtOnceAndTakesHoldsAgainOnceBatchesCommit() {
        int capacity = 16;
        queue = queue(capacity);
        long accepted = holds(10 * capacity).stream().takeWhile(queue::offer).count();

        // Waiting: the capacity, plus the batch committing and the few that the batching operators prefetch.
        assertThat(accepted).isBetween((long) capacity, (long) capacity + 4 * BATCH);
        // Each commit takes at least one hold, so as many commits as holds are more than enough; a bug must not spin forever.
        for (long commits = 0; !committedAll(accepted); commits++) {
            assertThat(commits).as("commits to drain %d holds", accepted).isLessThan(accepted);
            finishCommit();
        }
        assertThat(queue.offer(Seats.best(1))).as("room again").isTrue();
    }

    @Test
    void closingCommitsWhatIsQueuedThenCompletes() {
        queue = queue(64);
        HoldRequest hold = Seats.best(1);
        queue.offer(hold);

        StepVerifier.create(queue.close())
            .then(() -> time.advanceTimeBy(WAIT))
            .then(this::finishCommit)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
        assertThat(committed).containsExactly(List.of(hold));
    }

    private HoldQueue queue(int capacity) {
        return new HoldQueue(capacity, BATCH, WAIT, time, batch -> {
            committed.add(batch);
            return commitDone.asMono();
        });
    }

    private void finishCommit() {
        Sinks.Empty<Void> done = commitDone;
        commitDone = Sinks.empty();
        done.tryEmitEmpty();
        time.advanceTimeBy(WAIT);
    }

    private boolean committedAll(long holds) {
        return committed.stream().mapToInt(List::size).sum() == holds;
    }

    private static List<HoldRequest> holds(int n) {
        return IntStream.range(0, n).mapToObj(i -> Seats.best(1)).toList();
    }
}

package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
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

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.dispose();
        }
        time.dispose();
    }

    @Test
    void aFullBatchLeavesWithoutWaiting() {
        List<HoldRequest> holds = holds(BATCH);

        StepVerifier.withVirtualTime(() -> HoldQueue.batches(Flux.fromIterable(holds).concatWith(Flux.never()), BATCH, WAIT, Schedulers.parallel()))
            .expectSubscription()
            .expectNext(holds)
            .thenCancel()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void aLoneHoldLeavesOnceItHasWaitedTheBatchWait() {
        HoldRequest hold = Seats.best(1);

        StepVerifier.withVirtualTime(() -> HoldQueue.batches(Flux.just(hold).concatWith(Flux.never()), BATCH, WAIT, Schedulers.parallel()))
            .expectSubscription()
            .expectNoEvent(WAIT.minusNanos(1))
            .thenAwait(Duration.ofNanos(1))
            .expectNext(List.of(hold))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void holdsArrivingWithinTheWaitShareABatch() {
        HoldRequest first = Seats.best(1);
        HoldRequest second = Seats.best(1);

        StepVerifier.withVirtualTime(() -> HoldQueue.batches(
                Flux.just(first).concatWith(Mono.just(second).delayElement(Duration.ofMillis(1))).concatWith(Flux.never()),
                BATCH, WAIT, Schedulers.parallel()))
            .expectSubscription()
            .expectNoEvent(WAIT.minusNanos(1))
            .thenAwait(Duration.ofNanos(1))
            .expectNext(List.of(first, second))
            .thenCancel()
            .verify(Duration.ofSeconds(5));
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

package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/** When an event's hold queue goes and what becomes of the holds around it, on virtual time: no database, no waiting. */
class HoldQueuesTest {

    private static final SeatPool EVENT = new SeatPool(1, SeatPool.PUBLIC);
    private static final Duration WAIT = Duration.ofMillis(2);
    private static final Duration IDLE = HoldQueues.IDLE_AFTER;

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<HoldRequest> committed = new CopyOnWriteArrayList<>();
    /** Until completed, the batch being committed is not answered. */
    private Sinks.Empty<Void> commitDone = done();
    private final HoldQueues queues = new HoldQueues(() -> new HoldQueue(64, 3, WAIT, time, batch -> {
        committed.addAll(batch);
        return commitDone.asMono();
    }, () -> time.now(TimeUnit.MILLISECONDS)));

    @AfterEach
    void stop() {
        queues.dispose();
        time.dispose();
    }

    @Test
    void aQueueNobodyOfferedAHoldForTheIdleTimeGoes() {
        HoldRequest hold = Seats.best(1);
        queues.offer(EVENT, hold);
        time.advanceTimeBy(WAIT);
        assertThat(committed).containsExactly(hold);

        time.advanceTimeBy(IDLE);

        assertThat(queues.evictIdle()).isEqualTo(1);
        assertThat(queues.has(EVENT)).isFalse();
    }

    @Test
    void aQueueOfferedAHoldWithinTheIdleTimeStays() {
        queues.offer(EVENT, Seats.best(1));
        time.advanceTimeBy(WAIT);

        time.advanceTimeBy(IDLE.minus(WAIT).minusMillis(1));

        assertThat(queues.evictIdle()).isZero();
        assertThat(queues.has(EVENT)).isTrue();
    }

    @Test
    void aQueueWithAHoldNotYetAnsweredStaysHoweverLongItTakes() {
        commitDone = Sinks.empty();
        queues.offer(EVENT, Seats.best(1));
        time.advanceTimeBy(WAIT.plus(IDLE));

        assertThat(queues.evictIdle()).isZero();

        commitDone.tryEmitEmpty();
        assertThat(queues.evictIdle()).isEqualTo(1);
    }

    @Test
    void aHoldThatMeetsItsQueueAsItIsEvictedIsCommittedByTheNextOne() {
        queues.offer(EVENT, Seats.best(1));
        time.advanceTimeBy(WAIT.plus(IDLE));
        HoldQueue seen = queues.current(EVENT);
        HoldRequest hold = Seats.best(1);

        queues.evictIdle();

        assertThat(seen.offer(hold)).as("refused by the evicted queue").isFalse();
        assertThat(seen.closed()).as("which says why").isTrue();
        assertThat(queues.offer(EVENT, hold)).isTrue();
        time.advanceTimeBy(WAIT);
        assertThat(committed).endsWith(hold);
    }

    @Test
    void anOfferThatFindsItsQueueClosedGoesToANewOne() {
        queues.offer(EVENT, Seats.best(1));
        HoldQueue closed = queues.current(EVENT);
        closed.close();
        HoldRequest hold = Seats.best(1);

        assertThat(queues.offer(EVENT, hold)).isTrue();
        time.advanceTimeBy(WAIT);

        assertThat(committed).endsWith(hold);
        assertThat(queues.current(EVENT)).isNotSameAs(closed);
    }

    @Test
    void onceClosedForShutdownNoNewQueueTakesAHold() {
        queues.offer(EVENT, Seats.best(1));
        queues.close();

        assertThat(queues.offer(EVENT, Seats.best(1))).isFalse();
    }

    @Test
    void theSweepEvictsIdleQueuesOnItsOwn() {
        Disposable sweep = queues.sweep(time);
        queues.offer(EVENT, Seats.best(1));

        time.advanceTimeBy(IDLE.plus(IDLE.dividedBy(2)));

        assertThat(queues.has(EVENT)).isFalse();
        sweep.dispose();
    }

    @Test
    void aQueueIsIdleOnlyWithNothingToAnswerAndNothingOfferedForTheIdleTime() {
        long idle = IDLE.toMillis();

        assertThat(HoldQueue.idle(0, idle, IDLE)).isTrue();
        assertThat(HoldQueue.idle(1, idle, IDLE)).isFalse();
        assertThat(HoldQueue.idle(0, idle - 1, IDLE)).isFalse();
    }

    private static Sinks.Empty<Void> done() {
        Sinks.Empty<Void> done = Sinks.empty();
        done.tryEmitEmpty();
        return done;
    }
}

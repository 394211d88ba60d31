package io.ticketing.reservation.hold;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * One event's holds on this instance: a bounded queue drained in batches, one batch committing at a
 * time. A batch leaves when it is full or when its first hold has waited {@code batchWait}, whichever
 * comes first; while a batch commits, the next one gathers. A full queue refuses at once. A queue
 * that has been closed refuses too, and says so ({@link #closed()}), so the hold can go to a new one.
 */
final class HoldQueue {

    private final Sinks.Many<HoldRequest> holds;
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private final Disposable consumer;
    private final LongSupplier millis;
    /** Holds offered and not yet answered; only offers, under the lock, add to it. */
    private final AtomicInteger unanswered = new AtomicInteger();
    /** Guarded by {@code holds}; {@code closed} is only written under it. */
    private long lastOffer;
    private volatile boolean closed;

    /**
     * @param timer  where the batch wait is timed
     * @param commit commits one batch; the next batch waits for it
     */
    HoldQueue(int capacity, int batchSize, Duration batchWait, Scheduler timer, Function<List<HoldRequest>, Mono<Void>> commit) {
        this(capacity, batchSize, batchWait, timer, commit, System::currentTimeMillis);
    }

    /** @param millis the clock idleness is measured by */
    HoldQueue(int capacity, int batchSize, Duration batchWait, Scheduler timer, Function<List<HoldRequest>, Mono<Void>> commit,
              LongSupplier millis) {
        this.millis = millis;
        this.lastOffer = millis.getAsLong();
        this.holds = Sinks.many().unicast().onBackpressureBuffer(Queues.<HoldRequest>get(capacity).get());
        this.consumer = batches(holds.asFlux(), batchSize, batchWait, timer)
            .concatMap(batch -> commit.apply(batch).doFinally(signal -> answered(batch.size())), 1)
            .doFinally(signal -> drained.tryEmitEmpty())
            .subscribe();
    }

    /** Batches of at most {@code size} holds, none waiting longer than {@code wait}, only as fast as they are asked for. */
    static Flux<List<HoldRequest>> batches(Flux<HoldRequest> holds, int size, Duration wait, Scheduler timer) {
        return holds.bufferTimeout(size, wait, timer, true);
    }

    /** False when the queue is full, or {@link #closed()}. */
    boolean offer(HoldRequest hold) {
        // The queue takes one producer at a time; handing over a request takes nanoseconds.
        synchronized (holds) {
            if (closed || !holds.tryEmitNext(hold).isSuccess()) {
                return false;
            }
            unanswered.incrementAndGet();
            lastOffer = millis.getAsLong();
            return true;
        }
    }

    /** Takes no more holds; completes once those already queued have been committed. */
    Mono<Void> close() {
        synchronized (holds) {
            closed = true;
            holds.tryEmitComplete();
        }
        return drained.asMono();
    }

    /**
     * Closes the queue if it is idle: every hold offered has been answered and none was offered for
     * {@code idleAfter}. Decided under the lock every offer takes, so an offer either lands before
     * (and the queue is not idle) or finds the queue closed.
     */
    boolean closeIfIdle(Duration idleAfter) {
        synchronized (holds) {
            if (!idle(unanswered.get(), millis.getAsLong() - lastOffer, idleAfter)) {
                return false;
            }
            close();
            return true;
        }
    }

    /** Whether a queue may go: nothing of it is left to answer, and nothing came for a while. */
    static boolean idle(int unanswered, long millisSinceLastOffer, Duration idleAfter) {
        return unanswered == 0 && millisSinceLastOffer >= idleAfter.toMillis();
    }

    /** Takes no more holds, for good: an offer refused by a closed queue belongs in a new one. */
    boolean closed() {
        return closed;
    }

    private void answered(int holdsInBatch) {
        unanswered.addAndGet(-holdsInBatch);
    }

    /** Stops committing, whatever is still queued. */
    void dispose() {
        consumer.dispose();
    }
}

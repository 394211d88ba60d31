package io.ticketing.reservation;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * One event's holds on this instance: a bounded queue drained in batches, one batch committing at a
 * time. A batch leaves when it is full or when its first hold has waited {@code batchWait}, whichever
 * comes first; while a batch commits, the next one gathers. A full queue refuses at once.
 */
final class HoldQueue {

    private final Sinks.Many<HoldRequest> holds;
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private final Disposable consumer;

    /**
     * @param timer  where the batch wait is timed
     * @param commit commits one batch; the next batch waits for it
     */
    HoldQueue(int capacity, int batchSize, Duration batchWait, Scheduler timer, Function<List<HoldRequest>, Mono<Void>> commit) {
        this.holds = Sinks.many().unicast().onBackpressureBuffer(Queues.<HoldRequest>get(capacity).get());
        this.consumer = batches(holds.asFlux(), batchSize, batchWait, timer)
            .concatMap(commit, 1)
            .doFinally(signal -> drained.tryEmitEmpty())
            .subscribe();
    }

    /** Batches of at most {@code size} holds, none waiting longer than {@code wait}, only as fast as they are asked for. */
    static Flux<List<HoldRequest>> batches(Flux<HoldRequest> holds, int size, Duration wait, Scheduler timer) {
        return holds.bufferTimeout(size, wait, timer, true);
    }

    /** False when the queue is full. */
    boolean offer(HoldRequest hold) {
        // The queue takes one producer at a time; handing over a request takes nanoseconds.
        synchronized (holds) {
            return holds.tryEmitNext(hold).isSuccess();
        }
    }

    /** Takes no more holds; completes once those already queued have been committed. */
    Mono<Void> close() {
        synchronized (holds) {
            holds.tryEmitComplete();
        }
        return drained.asMono();
    }

    /** Stops committing, whatever is still queued. */
    void dispose() {
        consumer.dispose();
    }
}

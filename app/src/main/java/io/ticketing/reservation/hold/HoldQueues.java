package io.ticketing.reservation.hold;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The hold queues of this instance, one per seat pool (an event's public lane, or one of its
 * presale lanes) that has holds, and only while it has them: a batch plans on one pool's free
 * seats. A queue nobody offered a hold to for {@link #IDLE_AFTER}, with every hold it took
 * answered, is closed and forgotten, and the pool's next hold starts a new one.
 *
 * <p>No hold is lost to that. A queue is closed under the lock its offers take ({@link
 * HoldQueue#closeIfIdle}), so a hold either lands before, and the queue was not idle, or is refused
 * as closed; a hold refused as closed is offered again to the pool's new queue, never answered
 * "busy". A closed queue still commits whatever it had taken.
 */
final class HoldQueues {

    static final Duration IDLE_AFTER = Duration.ofMinutes(2);

    private final Map<SeatPool, HoldQueue> queues = new ConcurrentHashMap<>();
    private final Supplier<HoldQueue> newQueue;
    private volatile boolean closing;

    HoldQueues(Supplier<HoldQueue> newQueue) {
        this.newQueue = newQueue;
    }

    /** False when the pool's queue is full. */
    boolean offer(SeatPool pool, HoldRequest hold) {
        while (true) {
            HoldQueue queue = queues.computeIfAbsent(pool, id -> newQueue.get());
            if (queue.offer(hold)) {
                return true;
            }
            if (!queue.closed() || closing) {
                return false;
            }
            // Evicted between the lookup and the offer: the pool's next queue takes it.
            queues.remove(pool, queue);
        }
    }

    /** Looks for idle queues every half {@link #IDLE_AFTER}, until disposed. */
    Disposable sweep(Scheduler on) {
        return Flux.interval(IDLE_AFTER.dividedBy(2), on).onBackpressureDrop().subscribe(tick -> evictIdle());
    }

    /** Closes and forgets the idle queues; answers how many went. */
    int evictIdle() {
        AtomicInteger evicted = new AtomicInteger();
        // Decided per entry inside the map's compute, so no new queue for the event is made meanwhile.
        queues.keySet().forEach(pool -> queues.computeIfPresent(pool, (id, queue) -> {
            if (!queue.closeIfIdle(IDLE_AFTER)) {
                return queue;
            }
            evicted.incrementAndGet();
            return null;
        }));
        return evicted.get();
    }

    /** Takes no more holds; completes once every queue has committed what it had taken. */
    Mono<Void> close() {
        closing = true;
        return Mono.when(queues.values().stream().map(HoldQueue::close).toList());
    }

    /** Stops committing, whatever is still queued. */
    void dispose() {
        queues.values().forEach(HoldQueue::dispose);
    }

    /** The pool's queue, if it has one, for tests. */
    HoldQueue current(SeatPool pool) {
        return queues.get(pool);
    }

    boolean has(SeatPool pool) {
        return queues.containsKey(pool);
    }
}

package io.ticketing.resilience;

import io.ticketing.web.Problems;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * A resilience4j bulkhead on how much of one kind of work this instance takes on at once. Past it,
 * new work answers 503 {@code overloaded} with Retry-After at once, before it costs a Redis or
 * database call, so that what the instance already serves stays fast and its own slowness never
 * times out the calls of the work it has. This is the instance's own capacity, not a rule of the
 * sale, so it is counted here rather than in Redis: another instance may well have room.
 *
 * @param work completes "This server is at capacity for ..." in the refusal's detail
 */
public record InstanceBulkhead(Bulkhead bulkhead, String work, Duration retryAfter) {

    /**
     * Kept out of the BulkheadRegistry: resilience4j's Spring configuration gives every bulkhead there a
     * buffer of its events, two made and stored per call, on paths as hot as the waiting room's.
     */
    public static InstanceBulkhead of(String name, int max, String work, Duration retryAfter) {
        if (max < 1) {
            throw new IllegalArgumentException("The capacity for " + work + " must be at least 1");
        }
        // Never waits for room: a refusal is an answer, and waiting would hold the work it is meant to shed.
        BulkheadConfig config = BulkheadConfig.custom().maxConcurrentCalls(max).maxWaitDuration(Duration.ZERO)
            .writableStackTraceEnabled(false).build();
        return new InstanceBulkhead(Bulkhead.of(name, config), work, retryAfter);
    }

    /** The work if there is room for it, holding its room until it ends however it ends; else a 503. */
    public <T> Mono<T> run(Supplier<Mono<T>> work) {
        return Mono.defer(work).transformDeferred(BulkheadOperator.of(bulkhead))
            .onErrorMap(BulkheadFullException.class, full -> full());
    }

    /** A 503 when there is no room now, without taking any: for work that takes its room once it starts. */
    public Mono<Void> check() {
        return Mono.defer(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() > 0 ? Mono.empty() : Mono.error(full()));
    }

    /** Takes room for work that started; false, taking none, when there is none left. */
    public boolean tryTake() {
        return bulkhead.tryAcquirePermission();
    }

    /** Gives back room that {@link #tryTake()} took, once its work ends. */
    public void give() {
        bulkhead.onComplete();
    }

    public int taken() {
        Bulkhead.Metrics metrics = bulkhead.getMetrics();
        return metrics.getMaxAllowedConcurrentCalls() - metrics.getAvailableConcurrentCalls();
    }

    public RuntimeException full() {
        return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
            "This server is at capacity for " + work + "; retry after the Retry-After delay", retryAfter);
    }
}

package io.ticketing.resilience;

import io.ticketing.web.Problems;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * How much of one kind of work this instance takes on at once. Past it, new work answers 503
 * {@code overloaded} with Retry-After at once, before it costs a Redis or database call, so that
 * what the instance already serves stays fast and its own slowness never times out the calls of
 * the work it has. This is the instance's own capacity, not a rule of the sale, so it is counted
 * here rather than in Redis: another instance may well have room.
 */
public final class Capacity {

    private final String work;
    private final int max;
    private final Duration retryAfter;
    private final AtomicInteger taken = new AtomicInteger();

    /** {@code work} completes "This server is at capacity for ..." in the refusal's detail. */
    public Capacity(String work, int max, Duration retryAfter) {
        if (max < 1) {
            throw new IllegalArgumentException("The capacity for " + work + " must be at least 1");
        }
        this.work = work;
        this.max = max;
        this.retryAfter = retryAfter;
    }

    /** The work if there is room for it, holding its room until it ends however it ends; else a 503. */
    public <T> Mono<T> run(Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            if (taken.incrementAndGet() > max) {
                taken.decrementAndGet();
                return Mono.error(full());
            }
            return work.get().doFinally(signal -> taken.decrementAndGet());
        });
    }

    /** A 503 when there is no room now, without taking any: for work that takes its room once it starts. */
    public Mono<Void> check() {
        return Mono.defer(() -> taken.get() >= max ? Mono.error(full()) : Mono.empty());
    }

    public void take() {
        taken.incrementAndGet();
    }

    public void give() {
        taken.decrementAndGet();
    }

    public int taken() {
        return taken.get();
    }

    private RuntimeException full() {
        return Problems.retryLater(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
            "This server is at capacity for " + work + "; retry after the Retry-After delay", retryAfter);
    }
}

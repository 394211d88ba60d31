package io.ticketing.queue;

import java.time.Duration;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ticketing.resilience.InstanceBulkhead;

/**
 * The waiting-room requests this instance works on at once: entries, status polls and stream
 * openings under one limit ({@code ticketing.queue.max-requests-in-flight}), whichever package
 * serves them, since they all queue for the same Redis. Past it, one is refused before it costs a
 * Redis call.
 */
@Component
public class WaitingRoomRequests {

    private final InstanceBulkhead inFlight;

    WaitingRoomRequests(QueueProperties properties) {
        this.inFlight = InstanceBulkhead.of("waiting-room-requests", properties.maxRequestsInFlight(), "waiting-room requests",
            Duration.ofSeconds(1));
    }

    /** The request's work if there is room for it, holding its room until it ends however it ends; else a 503 {@code overloaded}. */
    public <T> Mono<T> run(Supplier<Mono<T>> work) {
        return inFlight.run(work);
    }
}

package io.ticketing.queue;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.resilience.InstanceBulkhead;
import io.ticketing.ratelimit.RateLimits;
import io.ticketing.web.Requests;

@Component
class QueueHandler {

    private final WaitingRoom room;
    private final QueueStream stream;
    private final AdmissionPasses passes;
    private final QueueAdmin admin;
    private final Requests requests;
    private final RateLimits limits;
    private final StreamSlots slots;
    /** Waiting-room requests in flight on this instance: past it, one is refused before it costs a Redis call. */
    private final InstanceBulkhead inFlight;

    QueueHandler(WaitingRoom room, QueueStream stream, AdmissionPasses passes, QueueAdmin admin, Requests requests, RateLimits limits,
                 StreamSlots slots, QueueProperties properties) {
        this.inFlight = InstanceBulkhead.of("waiting-room-requests", properties.maxRequestsInFlight(), "waiting-room requests",
            Duration.ofSeconds(1));
        this.limits = limits;
        this.slots = slots;
        this.room = room;
        this.stream = stream;
        this.passes = passes;
        this.admin = admin;
        this.requests = requests;
    }

    /**
     * A waiter's stream, for {@link StreamRoute}, authenticated by the signed ticket in the URL, since
     * EventSource cannot send headers. The stream's slot is taken before the response starts, so that
     * one too many is a 429 problem.
     */
    Mono<Flux<ServerSentEvent<Object>>> openStream(long eventId, String ticket) {
        // In flight until the stream starts: a burst of openings must not queue thousands of Redis calls.
        return inFlight.run(() -> Mono.defer(() -> {
            AdmissionPasses.StreamTicket opened = passes.verifyStreamTicket(ticket, eventId);
            return slots.open(eventId, opened.userId()).map(slot -> slots.hold(slot, stream.events(opened, slots.alive(slot))));
        }));
    }

    Mono<ServerResponse> enter(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request)
                .flatMap(userId -> room.enter(Requests.pathId(request, "id"), userId, limits.buckets(RateLimits.Action.QUEUE_ENTRY, request))))
            .flatMap(snapshot -> ServerResponse.ok().bodyValue(snapshot));
    }

    Mono<ServerResponse> me(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request)
                .flatMap(userId -> room.status(Requests.pathId(request, "id"), userId)))
            .flatMap(snapshot -> ServerResponse.ok().bodyValue(snapshot));
    }

    Mono<ServerResponse> leave(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> room.leave(Requests.pathId(request, "id"), userId, true))
            .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> stats(ServerRequest request) {
        return Mono.defer(() -> admin.stats(Requests.pathId(request, "id")))
            .flatMap(stats -> ServerResponse.ok().bodyValue(stats));
    }

    Mono<ServerResponse> configure(ServerRequest request) {
        return requests.body(request, QueueAdmin.QueueSettings.class)
            .flatMap(settings -> admin.configure(Requests.pathId(request, "id"), settings))
            .flatMap(stats -> ServerResponse.ok().bodyValue(stats));
    }
}

package io.ticketing.queue;

import java.util.Arrays;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.door.Challenges;
import io.ticketing.ratelimit.RateLimits;
import io.ticketing.web.Problems;
import io.ticketing.web.Requests;

@Component
class QueueHandler {

    private final WaitingRoom room;
    private final QueueAdmin admin;
    private final Requests requests;
    private final RateLimits limits;
    private final WaitingRoomRequests inFlight;
    private final QueueSettingsStore settings;
    private final Challenges challenges;
    private static final int CHANGES_PAGE = 50;
    private static final int MAX_CHANGES = 500;

    QueueHandler(WaitingRoom room, QueueAdmin admin, Requests requests, RateLimits limits, WaitingRoomRequests inFlight, QueueSettingsStore settings,
                 Challenges challenges) {
        this.settings = settings;
        this.inFlight = inFlight;
        this.challenges = challenges;
        this.limits = limits;
        this.room = room;
        this.admin = admin;
        this.requests = requests;
    }

    /**
     * An entry, with or without the door's solution in the body: a malformed body is a 400, any
     * well-formed solution is checked here and its verdict decided on by enter.lua.
     */
    Mono<ServerResponse> enter(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request).flatMap(userId -> {
                long eventId = Requests.pathId(request, "id");
                // Entries without a body (and without its Content-Type) are what every client sent before the door.
                Mono<Challenges.Verdict> proof = request.headers().contentType().isEmpty() ? Mono.just(Challenges.Verdict.NONE)
                    : request.bodyToMono(EntryProof.class)
                        .map(requests::validated)
                        .map(solution -> challenges.verify(solution.challenge(), solution.counter(), eventId, userId))
                        .defaultIfEmpty(Challenges.Verdict.NONE);
                return proof.flatMap(verdict -> room.enter(eventId, userId, limits.buckets(RateLimits.Action.QUEUE_ENTRY, request), verdict));
            }))
            .flatMap(snapshot -> ServerResponse.ok().bodyValue(snapshot));
    }

    /**
     * A challenge for the door at the event's current difficulty. Not rate-limited: it costs one
     * HMAC and one read of the event's settings, writes nothing, and is worth nothing by itself
     * (each must be solved, and works once); the in-flight bound covers it like every queue request.
     */
    Mono<ServerResponse> challenge(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request).flatMap(userId -> {
                long eventId = Requests.pathId(request, "id");
                return room.bits(eventId).map(bits -> challenges.issue(eventId, userId, bits));
            }))
            .flatMap(challenge -> ServerResponse.ok().bodyValue(challenge));
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
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return requests.body(request, QueueSettings.Change.class)
                .zipWith(Requests.userId(request))
                .flatMap(t -> settings.change(eventId, t.getT2(), current -> current.with(t.getT1())))
                .then(Mono.defer(() -> admin.stats(eventId)))
                .flatMap(stats -> ServerResponse.ok().bodyValue(stats));
        });
    }

    Mono<ServerResponse> schedule(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return request.bodyToMono(QueueSettings.ScheduledMode[].class)
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("A JSON array of {mode, from, to} is required; [] clears the schedule")))
                .map(windows -> Arrays.stream(windows).map(this::window).toList())
                .zipWith(Requests.userId(request))
                .flatMap(t -> settings.change(eventId, t.getT2(), current -> current.withSchedule(t.getT1())))
                .then(Mono.defer(() -> admin.stats(eventId)))
                .flatMap(stats -> ServerResponse.ok().bodyValue(stats));
        });
    }

    Mono<ServerResponse> changes(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            int limit = Requests.limit(request, CHANGES_PAGE, MAX_CHANGES);
            return settings.changes(eventId, limit).collectList()
                .flatMap(changes -> ServerResponse.ok().bodyValue(changes));
        });
    }

    private QueueSettings.ScheduledMode window(QueueSettings.ScheduledMode window) {
        if (window == null) {
            throw Problems.badRequest("Every scheduled window is an object {mode, from, to}; null is not one");
        }
        return requests.validated(window).checked();
    }
}

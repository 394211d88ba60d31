package io.ticketing.queue;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.ratelimit.RateLimits;
import io.ticketing.web.Requests;

@Component
class QueueHandler {

    private final WaitingRoom room;
    private final QueueAdmin admin;
    private final Requests requests;
    private final RateLimits limits;
    private final WaitingRoomRequests inFlight;

    QueueHandler(WaitingRoom room, QueueAdmin admin, Requests requests, RateLimits limits, WaitingRoomRequests inFlight) {
        this.inFlight = inFlight;
        this.limits = limits;
        this.room = room;
        this.admin = admin;
        this.requests = requests;
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

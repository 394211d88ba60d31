package io.ticketing.queue;

import java.util.Arrays;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.door.Challenges;
import io.ticketing.lane.LaneCodes;
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
    private final LaneCodes codes;
    private final AdmissionPasses passes;
    private static final int CHANGES_PAGE = 50;
    private static final int MAX_CHANGES = 500;

    QueueHandler(WaitingRoom room, QueueAdmin admin, Requests requests, RateLimits limits, WaitingRoomRequests inFlight, QueueSettingsStore settings,
                 Challenges challenges, LaneCodes codes, AdmissionPasses passes) {
        this.passes = passes;
        this.codes = codes;
        this.settings = settings;
        this.inFlight = inFlight;
        this.challenges = challenges;
        this.limits = limits;
        this.room = room;
        this.admin = admin;
        this.requests = requests;
    }

    /**
     * An entry, with or without the door's solution and a lane's access code in the body: a
     * malformed body is a 400, any well-formed solution is checked here and its verdict decided on
     * by enter.lua. A code is redeemed first (bound to this account on its first use), and its lane's
     * line entered; a code that is unknown, someone else's, used up or out of its lane's window is
     * refused with its problem and enters nothing.
     */
    Mono<ServerResponse> enter(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request).flatMap(userId -> {
                long eventId = Requests.pathId(request, "id");
                // Entries without a body (and without its Content-Type) are what every client sent before the door.
                Mono<EntryBody> body = request.headers().contentType().isEmpty() ? Mono.just(EntryBody.NONE)
                    : request.bodyToMono(EntryBody.class).map(requests::validated).map(EntryBody::checked).defaultIfEmpty(EntryBody.NONE);
                return body.flatMap(entry -> {
                    Challenges.Verdict verdict = entry.solved() ? challenges.verify(entry.challenge(), entry.counter(), eventId, userId)
                        : Challenges.Verdict.NONE;
                    // A code is looked up under its own rate limit, taken first: a wrong guess costs as much as a right code.
                    Mono<Room> line = entry.accessCode() == null ? Mono.just(Room.publicLine(eventId))
                        : limits.check(RateLimits.Action.CODE_REDEMPTION, request, Long.toString(userId))
                            .then(codes.redeem(eventId, entry.accessCode(), userId)).map(lane -> new Room(eventId, lane.id()));
                    return line.flatMap(room -> this.room.enter(room, userId, limits.buckets(RateLimits.Action.QUEUE_ENTRY, request), verdict));
                });
            }))
            .flatMap(snapshot -> ServerResponse.ok().bodyValue(snapshot));
    }

    /** The line a poll or a leave names: {@code ?lane=} for a presale lane's, the public one without. */
    private static Room line(ServerRequest request) {
        long eventId = Requests.pathId(request, "id");
        return request.queryParam("lane").filter(lane -> !lane.isBlank())
            .map(lane -> new Room(eventId, laneId(lane.strip())))
            .orElseGet(() -> Room.publicLine(eventId));
    }

    private static long laneId(String raw) {
        try {
            long lane = Long.parseLong(raw);
            if (lane > 0) {
                return lane;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw Problems.badRequest("Query parameter 'lane' must be a lane's id, a positive number, got '" + raw + "'");
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

    /**
     * Where the user stands. With {@code ?ticket=} (the ticket of their newest {@code streamUrl},
     * expired or not), a waiter Redis forgot is put back at the place it carries.
     */
    Mono<ServerResponse> me(ServerRequest request) {
        return inFlight.run(() -> Requests.userId(request)
                .flatMap(userId -> {
                    Room line = line(request);
                    Place place = request.queryParam("ticket").filter(ticket -> !ticket.isBlank())
                        .map(ticket -> passes.placeIn(ticket, userId, line))
                        .orElse(null);
                    return room.status(line, userId, place);
                }))
            .flatMap(snapshot -> ServerResponse.ok().bodyValue(snapshot));
    }

    Mono<ServerResponse> leave(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> room.leave(line(request), userId, true))
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

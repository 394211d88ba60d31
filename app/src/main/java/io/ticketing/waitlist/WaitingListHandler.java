package io.ticketing.waitlist;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.Requests;

@Component
class WaitingListHandler {

    private final WaitingList list;

    WaitingListHandler(WaitingList list) {
        this.list = list;
    }

    /** 201 for a new place, 200 when the user was on the list already: joining twice is harmless. */
    Mono<ServerResponse> join(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return Requests.userId(request)
                .flatMap(userId -> list.join(eventId, userId))
                .flatMap(joined -> ServerResponse.status(joined.added() ? HttpStatus.CREATED : HttpStatus.OK)
                    .bodyValue(Place.of(eventId, joined.place())));
        });
    }

    Mono<ServerResponse> place(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return Requests.userId(request)
                .flatMap(userId -> list.place(eventId, userId))
                .flatMap(place -> ServerResponse.ok().bodyValue(Place.of(eventId, place)));
        });
    }

    Mono<ServerResponse> leave(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return Requests.userId(request)
                .flatMap(userId -> list.leave(eventId, userId))
                .then(ServerResponse.noContent().build());
        });
    }

    /** Where a buyer stands on an event's waiting list: 1 is offered the next seats that come back. */
    record Place(long eventId, long position, Instant joinedAt) {

        static Place of(long eventId, WaitingListRepository.Place place) {
            return new Place(eventId, place.position(), place.joinedAt());
        }
    }
}

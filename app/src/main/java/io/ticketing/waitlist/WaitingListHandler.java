package io.ticketing.waitlist;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.reservation.Offers;
import io.ticketing.reservation.ReservationStatus;
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
                .flatMap(userId -> list.entry(eventId, userId))
                .flatMap(entry -> ServerResponse.ok().bodyValue(Place.of(eventId, entry.place(), entry.offer())));
        });
    }

    Mono<ServerResponse> summary(ServerRequest request) {
        return Mono.fromCallable(() -> Requests.pathId(request, "id"))
            .flatMap(list::summary)
            .flatMap(summary -> ServerResponse.ok().bodyValue(summary));
    }

    Mono<ServerResponse> leave(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return Requests.userId(request)
                .flatMap(userId -> list.leave(eventId, userId))
                .then(ServerResponse.noContent().build());
        });
    }

    /**
     * Where a buyer stands on an event's waiting list: 1 is offered the next seats that come back.
     * {@code offer} is null until they are offered seats, then says what became of the offer.
     */
    record Place(long eventId, long position, Instant joinedAt, OfferView offer) {

        static Place of(long eventId, WaitingListRepository.Place place) {
            return of(eventId, place, null);
        }

        static Place of(long eventId, WaitingListRepository.Place place, Offers.Offer offer) {
            return new Place(eventId, place.position(), place.joinedAt(), offer == null ? null : OfferView.of(offer));
        }
    }

    /**
     * Seats offered to the buyer: taken with a hold carrying {@code {"offerId": ...}} before
     * {@code expiresAt}. {@code status} OFFERED while open, PASSED when not taken in time; once
     * taken it is the hold's (HELD, CONFIRMED, ...) and {@code expiresAt} the hold's deadline.
     */
    record OfferView(long offerId, List<Long> seatIds, Instant expiresAt, ReservationStatus status) {

        static OfferView of(Offers.Offer offer) {
            return new OfferView(offer.offerId(), offer.seatIds(), offer.expiresAt(), offer.status());
        }
    }
}

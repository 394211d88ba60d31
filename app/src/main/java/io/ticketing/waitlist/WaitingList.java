package io.ticketing.waitlist;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.ticketing.event.EventCatalog;
import io.ticketing.queue.Standing;
import io.ticketing.queue.WaitingRoom;
import io.ticketing.reservation.Offers;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;

/**
 * The waiting list for returns of a sold-out event. A buyer in its line joins it instead of leaving,
 * and keeps the line's order: their line ticket goes with them into MySQL, which holds the list, so
 * it outlives the line in Redis (the room's keys end a while after the sell-out). Seats that come
 * back are offered in this order ({@link OfferSweep}); an entry stays on the list after its offer,
 * which shows what became of it.
 */
@Service
class WaitingList {

    /** Buyers let in before the sell-out were ahead of everyone still waiting. */
    private static final long INSIDE = 0;

    private final WaitingListRepository entries;
    private final EventCatalog catalog;
    private final WaitingRoom room;
    private final DependencyBreakers breakers;
    private final Clock clock;
    private final Offers offers;

    WaitingList(WaitingListRepository entries, EventCatalog catalog, WaitingRoom room, DependencyBreakers breakers, Clock clock, Offers offers) {
        this.offers = offers;
        this.entries = entries;
        this.catalog = catalog;
        this.room = room;
        this.breakers = breakers;
        this.clock = clock;
    }

    /**
     * Puts the user on the event's list; answers their place and whether they were new to it.
     *
     * @throws org.springframework.web.ErrorResponseException 409 {@code not-sold-out} while seats can still be
     *         bought, 409 {@code not-in-line} for a user who is not in the event's line
     */
    Mono<Joined> join(long eventId, long userId) {
        return catalog.sale(eventId).flatMap(sale -> {
            if (sale.purchasable() > 0) {
                return Mono.error(Problems.conflict("not-sold-out",
                    "Event " + eventId + " still has seats that can be bought: wait in its line; the waiting list opens once it sells out"));
            }
            return room.standing(eventId, userId)
                .flatMap(standing -> {
                    long ticket = switch (standing.kind()) {
                        case ADMITTED -> INSIDE;
                        case WAITING, LIMBO -> standing.ticket();
                        // Sold out before the draw: behind everyone who held a ticket, in order of joining.
                        case PRE -> Long.MAX_VALUE;
                        case NONE, CLOSED -> -1;
                    };
                    if (ticket < 0) {
                        return Mono.error(Problems.conflict("not-in-line", "You are not in the line of event " + eventId
                            + ": the waiting list keeps the line's order, so it is joined from the line"));
                    }
                    // An entry from the door's infinite line is told a place like anyone's, and is never offered seats.
                    boolean shadow = standing.inLimbo();
                    return breakers.database(entries.insertIfAbsent(eventId, userId, ticket, shadow, clock.instant().truncatedTo(ChronoUnit.MICROS)));
                })
                .flatMap(added -> place(eventId, userId).map(place -> new Joined(place, added)));
        });
    }

    /** @throws org.springframework.web.ErrorResponseException 404 for a user who is not on the event's list */
    Mono<WaitingListRepository.Place> place(long eventId, long userId) {
        return breakers.database(entries.place(eventId, userId))
            .switchIfEmpty(Mono.error(() -> Problems.notFound("You are not on the waiting list of event " + eventId)));
    }

    /** The user's place and, once they got one, their offer as it stands now (in MySQL, whatever Redis remembers). */
    Mono<Entry> entry(long eventId, long userId) {
        return place(eventId, userId).flatMap(place -> place.offerId() == null
            ? Mono.just(new Entry(place, null))
            : offers.find(place.offerId()).map(offer -> new Entry(place, offer)).defaultIfEmpty(new Entry(place, null)));
    }

    /** For the operator: who still waits for an offer, and what became of the offers made. */
    Mono<Summary> summary(long eventId) {
        // An unknown event is a 404, as everywhere else.
        return catalog.window(eventId)
            .then(Mono.zip(breakers.database(entries.waiting(eventId)), offers.summary(eventId)))
            .map(t -> new Summary(t.getT1(), t.getT2().open(), t.getT2().taken(), t.getT2().passed()));
    }

    Mono<Void> leave(long eventId, long userId) {
        return breakers.database(entries.delete(eventId, userId)).then();
    }

    record Joined(WaitingListRepository.Place place, boolean added) {
    }

    /** @param offer null until the entry is offered seats */
    record Entry(WaitingListRepository.Place place, Offers.Offer offer) {
    }

    /**
     * @param waiting      real entries not offered seats yet (entries from the door's infinite line are never offered)
     * @param offersOpen   offers waiting for their buyer
     * @param offersTaken  offers their buyers took
     * @param offersPassed offers not taken in time, whose seats went to the next buyer
     */
    record Summary(long waiting, long offersOpen, long offersTaken, long offersPassed) {
    }
}

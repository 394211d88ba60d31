package io.ticketing.event;

import java.time.Instant;
import java.util.List;

/**
 * An event with its sections, live seat counts and how many seats one reservation and one buyer may
 * take; this is also what the Redis cache holds. The limits are boxed because an instance of an
 * earlier version caches details without them: such an entry must still read, and the limits are
 * filled in on the way out.
 */
record EventDetail(long id, String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt,
    List<Section> sections, int capacity, int available, int held, int sold, Integer maxSeatsPerReservation,
    Integer maxSeatsPerBuyer) {

    static EventDetail of(Event event, List<Section> sections, SeatCounts counts, PurchaseLimits limits) {
        return new EventDetail(event.id(), event.name(), event.venue(), event.startsAt(), event.salesOpenAt(),
            event.salesCloseAt(), sections, event.capacity(), counts.available(), counts.held(), counts.sold(),
            limits.maxSeatsPerReservation(), limits.maxSeatsPerBuyer());
    }

    EventDetail with(PurchaseLimits limits) {
        int perReservation = limits.maxSeatsPerReservation();
        int perBuyer = limits.maxSeatsPerBuyer();
        return Integer.valueOf(perReservation).equals(maxSeatsPerReservation) && Integer.valueOf(perBuyer).equals(maxSeatsPerBuyer) ? this
            : new EventDetail(id, name, venue, startsAt, salesOpenAt, salesCloseAt, sections, capacity, available, held, sold, perReservation,
                perBuyer);
    }
}

package io.ticketing.event;

import java.time.Instant;
import java.util.List;

/**
 * An event with its sections, live seat counts and how many seats one reservation may take; this is
 * also what the Redis cache holds. The limit is boxed because an instance of an earlier version
 * caches details without it: such an entry must still read, and the limit is filled in on the way out.
 */
record EventDetail(long id, String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt,
    List<Section> sections, int capacity, int available, int held, int sold, Integer maxSeatsPerReservation) {

    static EventDetail of(Event event, List<Section> sections, SeatCounts counts, PurchaseLimits limits) {
        return new EventDetail(event.id(), event.name(), event.venue(), event.startsAt(), event.salesOpenAt(),
            event.salesCloseAt(), sections, event.capacity(), counts.available(), counts.held(), counts.sold(),
            limits.maxSeatsPerReservation());
    }

    EventDetail with(PurchaseLimits limits) {
        int max = limits.maxSeatsPerReservation();
        return Integer.valueOf(max).equals(maxSeatsPerReservation) ? this
            : new EventDetail(id, name, venue, startsAt, salesOpenAt, salesCloseAt, sections, capacity, available, held, sold, max);
    }
}

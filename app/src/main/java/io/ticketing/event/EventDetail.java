package io.ticketing.event;

import java.time.Instant;
import java.util.List;

/** An event with its sections and live seat counts; this is also what the Redis cache holds. */
record EventDetail(long id, String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt,
    List<Section> sections, int capacity, int available, int held, int sold) {

    static EventDetail of(Event event, List<Section> sections, SeatCounts counts) {
        return new EventDetail(event.id(), event.name(), event.venue(), event.startsAt(), event.salesOpenAt(),
            event.salesCloseAt(), sections, event.capacity(), counts.available(), counts.held(), counts.sold());
    }
}

package io.ticketing.event;

import java.time.Instant;

record EventSummary(long id, String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt, int capacity) {

    static EventSummary of(Event event) {
        return new EventSummary(event.id(), event.name(), event.venue(), event.startsAt(), event.salesOpenAt(),
            event.salesCloseAt(), event.capacity());
    }
}

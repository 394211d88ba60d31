package io.ticketing.event;

import java.time.Instant;

record Event(long id, String name, String venue, Instant startsAt, Instant salesOpenAt, Instant salesCloseAt, int capacity) {
}

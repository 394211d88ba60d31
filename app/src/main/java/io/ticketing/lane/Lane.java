package io.ticketing.lane;

import java.time.Instant;

/**
 * A presale lane as the entry path needs it: where it belongs, when it is open and how many seats
 * it may sell.
 */
public record Lane(long id, long eventId, String name, Instant opensAt, Instant closesAt, Instant returnsUnsoldAt, int quota) {
}

package io.ticketing.lane;

import java.time.Instant;

/**
 * A lane as the operator sees it, with its seats: {@code sold} and {@code held} by its buyers,
 * {@code left} on sale in it. Once its unsold seats are returned ({@code returnedAt}) nothing is
 * left in it; what it sold stays counted.
 */
record LaneView(long id, long eventId, String name, Instant opensAt, Instant closesAt, Instant returnsUnsoldAt,
                int quota, int sold, int held, int left, Instant returnedAt, CodeKind codeKind, Integer codeCount,
                Integer maxUses, boolean codesDownloaded) {
}

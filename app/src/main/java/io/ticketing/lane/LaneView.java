package io.ticketing.lane;

import java.time.Instant;

/** A lane as the operator sees it, with its sales so far. */
record LaneView(long id, long eventId, String name, Instant opensAt, Instant closesAt, Instant returnsUnsoldAt,
                int quota, int sold, int left, CodeKind codeKind, Integer codeCount, Integer maxUses,
                boolean codesDownloaded) {
}

package io.ticketing.lane;

import java.time.Instant;

/**
 * A lane's sale as its waiting-room line needs it.
 *
 * @param purchasable the lane's seats that could still be bought: available now, plus held ones that
 *                    may expire; 0 once its unsold seats went back to the public lane
 */
public record LaneSale(long laneId, String name, Instant opensAt, Instant closesAt, Instant returnsUnsoldAt, int purchasable) {
}

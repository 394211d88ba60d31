package io.ticketing.door;

import org.springframework.stereotype.Component;

/**
 * The place shown to an entry that did not get through the door. It holds a virtual ticket, the
 * ticket it would have drawn, but no real one: so it starts at the back of the line and moves as
 * the line ahead of it moves (the real waiters with lower tickets, counted as for anyone), then
 * stalls at a floor short of the front and is never admitted. To the client it reads like any place
 * in line; real waiters' places never count it.
 */
@Component
public class InfiniteLine {

    private final int floor;
    private final int spread;

    InfiniteLine(DoorProperties properties) {
        this.floor = properties.limboFloor();
        this.spread = properties.limboFloorSpread();
    }

    /**
     * The place to show {@code userId} in event {@code eventId}'s infinite line, where
     * {@code realWaitersAhead} real waiters hold lower tickets than their virtual one.
     */
    public long position(long userId, long eventId, long realWaitersAhead) {
        return Math.max(floorOf(userId, eventId), realWaitersAhead + 1);
    }

    /** Where {@code userId} stalls: one number per account and event, so a reload shows the same place. */
    long floorOf(long userId, long eventId) {
        long mixed = (userId * 0x9E3779B97F4A7C15L) ^ (eventId * 0xC2B2AE3D27D4EB4FL);
        mixed ^= mixed >>> 31;
        return floor + Math.floorMod(mixed, spread);
    }
}

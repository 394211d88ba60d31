package io.ticketing.door;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The proof-of-work door at the waiting room's entry (docs/abuse-controls.md). Its difficulty is per
 * event and live ({@code bits} in the event's queue settings); these are the fixed parts.
 *
 * @param challengeTtl     how long a challenge may be solved and used; a browser solves the usual
 *                         difficulties in well under a second, and a used one is remembered (to refuse
 *                         it again) for as long as it could still be used
 * @param markFor          how long an account that ran into the entry's rate limit while the door was on
 *                         is sent to the infinite line, whatever it solves
 * @param limboFloor       the lowest place ever shown in the infinite line: it never reaches the front
 * @param limboFloorSpread the floor differs by up to this much between accounts (the same for one
 *                         account and event), so that stuck places do not all read the same number
 */
@ConfigurationProperties("ticketing.door")
public record DoorProperties(
    @DefaultValue("2m") Duration challengeTtl,
    @DefaultValue("10m") Duration markFor,
    @DefaultValue("20") int limboFloor,
    @DefaultValue("200") int limboFloorSpread) {

    public DoorProperties {
        if (challengeTtl.toMillis() < 1 || markFor.toMillis() < 1) {
            throw new IllegalArgumentException("ticketing.door.challenge-ttl and mark-for must be at least 1ms");
        }
        if (limboFloor < 2 || limboFloorSpread < 1) {
            throw new IllegalArgumentException("ticketing.door.limbo-floor must be at least 2 (place 1 is next in) and limbo-floor-spread at least 1");
        }
    }
}

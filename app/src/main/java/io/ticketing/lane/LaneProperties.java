package io.ticketing.lane;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presale lanes.
 *
 * @param returnSweep how often each instance gives the public lane the unsold seats of lanes past their returnsUnsoldAt
 * @param preQueue    how long before a lane opens its codes may be redeemed, so that buyers wait in the lane's
 *                    pre-queue rather than arrive all at the opening instant
 */
@ConfigurationProperties("ticketing.lanes")
public record LaneProperties(
    @DefaultValue("1s") Duration returnSweep,
    @DefaultValue("30m") Duration preQueue) {
}

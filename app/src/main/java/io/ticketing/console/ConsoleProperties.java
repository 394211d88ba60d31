package io.ticketing.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's console.
 *
 * @param sampleInterval  how often an instance samples an event some console on it watches (one sample for all of them)
 * @param heartbeat       how often an idle console stream gets a comment, so proxies keep it open
 * @param instanceBeat    how often every instance tells Redis it is alive, with its breakers and shed requests
 * @param instanceTimeout an instance silent this long no longer counts as serving, and its entry is removed
 * @param burnDownPoints  most points of the burn-down chart over the sale so far
 * @param burnDownRefresh how often the burn-down's history is read again from the database (the newest point is live)
 */
@ConfigurationProperties("ticketing.console")
public record ConsoleProperties(
    @DefaultValue("1s") Duration sampleInterval,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("1s") Duration instanceBeat,
    @DefaultValue("5s") Duration instanceTimeout,
    @DefaultValue("60") int burnDownPoints,
    @DefaultValue("10s") Duration burnDownRefresh) {
}

package io.ticketing.waitlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The waiting list's offers of returned seats.
 *
 * @param offerWindow how long a buyer has to take an offer before it passes to the next buyer
 * @param sweep       how often each instance looks for returned seats to offer
 */
@ConfigurationProperties("ticketing.waiting-list")
record WaitingListProperties(@DefaultValue("2m") Duration offerWindow, @DefaultValue("1s") Duration sweep) {
}

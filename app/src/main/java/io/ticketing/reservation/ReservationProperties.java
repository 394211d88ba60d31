package io.ticketing.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.ticketing.event.PurchaseLimits;

/**
 * Seat holds.
 *
 * @param maxSeats         most seats one reservation may hold
 * @param maxSeatsPerBuyer most seats one buyer may hold and buy, all reservations of one event together
 * @param holdTtl       how long a hold lasts before its seats go back on sale
 * @param batchSize     most holds of one event committed together in one transaction
 * @param batchWait     longest a hold waits for others to share its transaction
 * @param queueCapacity holds of one event that may wait for the pipeline before callers get 503
 * @param expirySweep   how often each instance looks for expired holds
 */
@ConfigurationProperties("ticketing.reservations")
record ReservationProperties(
    @DefaultValue("4") int maxSeats,
    @DefaultValue("4") int maxSeatsPerBuyer,
    @DefaultValue("5m") Duration holdTtl,
    @DefaultValue("64") int batchSize,
    @DefaultValue("2ms") Duration batchWait,
    @DefaultValue("2048") int queueCapacity,
    @DefaultValue("1s") Duration expirySweep) implements PurchaseLimits {

    @Override
    public int maxSeatsPerReservation() {
        return maxSeats;
    }

    @Override
    public int maxSeatsPerBuyer() {
        return maxSeatsPerBuyer;
    }
}

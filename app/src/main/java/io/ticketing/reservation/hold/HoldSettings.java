package io.ticketing.reservation.hold;

import java.time.Duration;

/**
 * What the hold pipeline needs of the reservations' settings ({@code ticketing.reservations.*}),
 * which the reservation feature binds and hands over.
 *
 * @param maxSeatsPerBuyer most seats one buyer may hold and buy, all reservations of one event together
 * @param holdTtl          how long a hold lasts before its seats go back on sale
 * @param batchSize        most holds of one event committed together in one transaction
 * @param batchWait        longest a hold waits for others to share its transaction
 * @param queueCapacity    holds of one event that may wait for the pipeline before callers get 503
 */
public record HoldSettings(int maxSeatsPerBuyer, Duration holdTtl, int batchSize, Duration batchWait, int queueCapacity) {
}

package io.ticketing.event;

/**
 * How many seats one reservation may take. The reservation feature decides and enforces it; an
 * event's detail shows it, so that a client offers no more than a hold will accept.
 */
public interface PurchaseLimits {

    int maxSeatsPerReservation();
}

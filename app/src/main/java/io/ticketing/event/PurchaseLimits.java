package io.ticketing.event;

/**
 * How many seats one reservation, and one buyer, may take. The reservation feature decides and
 * enforces them; an event's detail shows them, so that a client offers no more than a hold will accept.
 */
public interface PurchaseLimits {

    int maxSeatsPerReservation();

    /** All of one buyer's held and bought seats of one event together. */
    int maxSeatsPerBuyer();
}

package io.ticketing.reservation;

/** Where a reservation stands; the database's CHECK allows exactly these. Public for the waiting list, which shows its offers'. */
public enum ReservationStatus {
    /** Seats taken until the hold's deadline. */
    HELD,
    /** Bought: the seats are sold. */
    CONFIRMED,
    /** Given up by the buyer; the seats went back on sale. */
    CANCELLED,
    /** Not bought in time; the seats went back on sale. */
    EXPIRED,
    /**
     * Returned seats held for one buyer of the waiting list until the offer's deadline; taking it
     * makes it {@link #HELD}. Its seats are not in the buyer's share until then.
     */
    OFFERED,
    /** An offer not taken in time; its seats went back, to be offered to the next buyer on the list. */
    PASSED
}

package io.ticketing.reservation;

/** Where a reservation stands; the database's CHECK allows exactly these. */
enum ReservationStatus {
    /** Seats taken until the hold's deadline. */
    HELD,
    /** Bought: the seats are sold. */
    CONFIRMED,
    /** Given up by the buyer; the seats went back on sale. */
    CANCELLED,
    /** Not bought in time; the seats went back on sale. */
    EXPIRED
}

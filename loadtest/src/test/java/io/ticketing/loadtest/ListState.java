package io.ticketing.loadtest;

/** Where a buyer told "sold out" stands with the event's waiting list. */
enum ListState {
    /** Trying to join: the list opens only once nothing is left to buy, held seats included. */
    JOINING,
    /** On the list, looking for an offer. */
    LISTED,
    /** Turned away for good (not in the event's line, say). */
    REFUSED,
    /** Held a seat that came back while trying to join: bought the ordinary way instead. */
    HELD;

    /** Where a join answered with {@code status} (and problem {@code type} on a 409) leaves the buyer. */
    static ListState afterJoin(int status, String type) {
        if (status == 200 || status == 201) {
            return LISTED;
        }
        // Seats are still held and may come back: the list is not open yet, but will be.
        return status == 409 && type != null && type.endsWith(":not-sold-out") ? JOINING : REFUSED;
    }
}

package io.ticketing.queue.stream;

import java.util.Arrays;
import java.util.List;

/**
 * One read of an event's whole line, shared by every stream of that event on this instance.
 *
 * @param head     the ticket at the front of the line, 0 when the line is empty
 * @param message  the operator's message to everyone waiting, null for none
 * @param departed tickets behind the head that left from the middle of the line, ascending
 */
record LineState(long head, long waiting, boolean opened, int rate, String message, long[] departed, boolean soldOut, boolean closed) {

    private static final int FIXED = 5;

    /** Parses line.lua's reply {head, waiting, opened, rate, message, departed...}. */
    static LineState parse(List<?> reply, boolean soldOut, boolean closed) {
        long[] departed = new long[Math.max(0, reply.size() - FIXED)];
        for (int i = 0; i < departed.length; i++) {
            departed[i] = ((Number) reply.get(i + FIXED)).longValue();
        }
        Arrays.sort(departed);
        String message = reply.get(4).toString();
        return new LineState(((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue(),
            ((Number) reply.get(2)).longValue() == 1, ((Number) reply.get(3)).intValue(), message.isEmpty() ? null : message, departed, soldOut, closed);
    }

    /** Whether the holder of {@code ticket} is still waiting in line (not yet admitted, skipped or gone). */
    boolean holds(long ticket) {
        return head > 0 && ticket >= head && Arrays.binarySearch(departed, ticket) < 0;
    }

    /**
     * The real waiters holding lower tickets than {@code virtual}, the ticket an entry in the door's
     * infinite line would have drawn: how far its place is from the front, read from this one read.
     */
    long realWaitersAhead(long virtual) {
        return head == 0 || virtual <= head ? 0 : positionOf(virtual) - 1;
    }

    /** The place in line of the holder of {@code ticket}: tickets are consecutive, so only departures need counting. */
    long positionOf(long ticket) {
        int gone = Arrays.binarySearch(departed, ticket);
        int departedAhead = gone >= 0 ? gone : -gone - 1;
        return ticket - head + 1 - departedAhead;
    }
}

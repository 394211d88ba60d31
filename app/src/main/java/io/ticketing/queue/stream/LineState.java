package io.ticketing.queue.stream;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One read of an event's whole line, shared by every stream of that event on this instance.
 *
 * @param head          the ticket at the front of the line, 0 when the line is empty
 * @param message       the operator's message to everyone waiting, null for none
 * @param regularFrom   the first ticket of the counter's numbering (shared/ticket.lua): tickets from it on are consecutive;
 *                      below it the line holds only waiters put back after Redis forgot the line; 0 when unknown
 * @param restoredCount how many waiters below {@code regularFrom} are in line
 * @param restored      their tickets, ascending, the first ones of them only when they are very many
 * @param departed      tickets behind the head that left from the middle of the line, ascending
 * @param missing       waiters with a stream on this instance whom Redis has nowhere: it forgot them (present.lua)
 */
record LineState(long head, long waiting, boolean opened, int rate, String message, long regularFrom, long restoredCount, long[] restored,
                 long[] departed, boolean soldOut, boolean closed, Set<Long> missing) {

    private static final int FIXED = 8;

    /** Parses line.lua's reply {head, waiting, opened, rate, message, regular from, restored count, n, n restored..., departed...}. */
    static LineState parse(List<?> reply, boolean soldOut, boolean closed, Set<Long> missing) {
        int listed = (int) number(reply, 7);
        long[] restored = numbers(reply, FIXED, FIXED + listed);
        long[] departed = numbers(reply, FIXED + listed, reply.size());
        Arrays.sort(departed);
        String message = reply.get(4).toString();
        return new LineState(number(reply, 0), number(reply, 1), number(reply, 2) == 1, (int) number(reply, 3), message.isEmpty() ? null : message,
            number(reply, 5), number(reply, 6), restored, departed, soldOut, closed, missing);
    }

    private static long number(List<?> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    private static long[] numbers(List<?> reply, int from, int to) {
        long[] numbers = new long[Math.max(0, to - from)];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number(reply, from + i);
        }
        return numbers;
    }

    /** Whether the holder of {@code ticket} is still waiting in line (not yet admitted, skipped or gone). */
    boolean holds(long ticket) {
        if (head == 0 || ticket < head) {
            return false;
        }
        return ticket < regularFrom ? Arrays.binarySearch(restored, ticket) >= 0 : Arrays.binarySearch(departed, ticket) < 0;
    }

    /**
     * The real waiters holding lower tickets than {@code virtual}, the ticket an entry in the door's
     * infinite line would have drawn: how far its place is from the front, read from this one read.
     */
    long realWaitersAhead(long virtual) {
        return head == 0 || virtual <= head ? 0 : positionOf(virtual) - 1;
    }

    /**
     * The place in line of the holder of {@code ticket}: among restored tickets its rank; past them,
     * consecutive tickets, of which only departures need counting.
     */
    long positionOf(long ticket) {
        if (ticket < regularFrom) {
            return below(restored, ticket) + 1;
        }
        long start = Math.max(head, regularFrom);
        long restoredAhead = head < regularFrom ? restoredCount : 0;
        return restoredAhead + ticket - start + 1 - (below(departed, ticket) - below(departed, start));
    }

    /** How many of the ascending, distinct {@code tickets} are lower than {@code ticket}. */
    private static int below(long[] tickets, long ticket) {
        int found = Arrays.binarySearch(tickets, ticket);
        return found >= 0 ? found : -found - 1;
    }
}

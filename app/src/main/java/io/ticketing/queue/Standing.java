package io.ticketing.queue;

import java.time.Instant;
import java.util.List;

/**
 * Where one user stands in one event's waiting room, as the scripts report it.
 *
 * @param position place in line (1 = next), or the pre-queue size for {@link Kind#PRE}, or for {@link Kind#LIMBO}
 *                 the number of real waiters ahead of the virtual ticket (io.ticketing.door.InfiniteLine shows the place)
 * @param ticket   the line ticket, 0 when not in line; in limbo the virtual ticket (before the draw too)
 * @param message  the operator's message to everyone waiting, null for none
 */
public record Standing(Kind kind, long position, long ticket, int rate, Instant admittedUntil, String message) {

    /**
     * {@code CLOSED}: turned away on entry, the mode being {@link QueueMode#CLOSED}; {@code LIMBO}: in the
     * door's infinite line, which to the client is {@code WAITING}, never anything else.
     */
    public enum Kind {
        WAITING, PRE, ADMITTED, NONE, CLOSED, LIMBO
    }

    /** Whether this is a place in the door's infinite line: LIMBO, or PRE with the virtual ticket a real pre-queue answer lacks. */
    public boolean inLimbo() {
        return kind == Kind.LIMBO || (kind == Kind.PRE && ticket != 0);
    }

    /** The same admission, ending at {@code admittedUntil}. */
    Standing until(Instant admittedUntil) {
        return new Standing(kind, position, ticket, rate, admittedUntil, message);
    }

    /** Parses {@code {state, position, ticket, rate, admitted-until, message}} from enter.lua or status.lua. */
    static Standing parse(List<?> reply) {
        long until = Long.parseLong(reply.get(4).toString());
        String message = reply.get(5).toString();
        return new Standing(Kind.valueOf(reply.get(0).toString()), ((Number) reply.get(1)).longValue(),
            ((Number) reply.get(2)).longValue(), (int) Double.parseDouble(reply.get(3).toString()),
            until == 0 ? null : Instant.ofEpochMilli(until), message.isEmpty() ? null : message);
    }

    /** Seconds until admission from {@code position} at the current rate, rounded up; null while admission is stopped. */
    public static Long etaSeconds(long position, int ratePerSecond) {
        return ratePerSecond <= 0 ? null : (position - 1 + ratePerSecond) / ratePerSecond;
    }
}

package io.ticketing.queue;

/**
 * Where the service last told a waiter they stand, signed into their stream ticket
 * ({@link AdmissionPasses}): what puts them back when Redis forgets the line (restore.lua), on
 * whichever instance they come back to.
 *
 * @param ticket the line ticket for {@link Kind#LINE}, the virtual one for {@link Kind#LIMBO}, 0 in the pre-queue
 */
public record Place(Kind kind, long ticket) {

    /** The line, the pre-queue before the draw, or the door's infinite line. */
    public enum Kind {
        LINE, PRE, LIMBO
    }

    public static final Place PRE_QUEUE = new Place(Kind.PRE, 0);

    /** The place {@code standing} tells of; null when it is none a waiter keeps (inside, closed, not in line). */
    public static Place of(Standing standing) {
        if (standing.inLimbo()) {
            return new Place(Kind.LIMBO, standing.ticket());
        }
        return switch (standing.kind()) {
            case WAITING -> new Place(Kind.LINE, standing.ticket());
            case PRE -> PRE_QUEUE;
            case LIMBO, ADMITTED, NONE, CLOSED -> null;
        };
    }
}

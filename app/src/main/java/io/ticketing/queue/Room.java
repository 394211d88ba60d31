package io.ticketing.queue;

/**
 * One line of an event: the public one ({@code lane} 0), or a presale lane's, entered with an
 * access code. Each has its own line, pre-queue draw, admissions and token bucket, run by the same
 * scripts on its own keys ({@link QueueKeys}); the queue settings (rate, cap, pause, mode, door) are
 * the event's, shared by all its lines.
 */
public record Room(long eventId, long lane) {

    public static final long PUBLIC = 0;

    public static Room publicLine(long eventId) {
        return new Room(eventId, PUBLIC);
    }

    public boolean isLane() {
        return lane != PUBLIC;
    }

    /** How the room is listed for admission ticks and named on the admission channel: "42", or "42:3" for lane 3. */
    String member() {
        return isLane() ? eventId + ":" + lane : Long.toString(eventId);
    }

    /** @throws NumberFormatException when {@code member} is not one of {@link #member()}'s */
    static Room parse(String member) {
        int colon = member.indexOf(':');
        return colon < 0 ? publicLine(Long.parseLong(member))
            : new Room(Long.parseLong(member.substring(0, colon)), Long.parseLong(member.substring(colon + 1)));
    }
}

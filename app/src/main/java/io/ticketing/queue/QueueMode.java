package io.ticketing.queue;

/**
 * How an event's line treats new arrivals; an operator switches it during the sale, or schedules it.
 * Whoever already waits or is inside keeps their standing whatever the mode (enter.lua, admit.lua).
 */
public enum QueueMode {
    /** Arrival order, from the first entry on: early arrivals get their place at once, admitted from the opening. */
    FIFO,
    /** Early arrivals wait in a pre-queue whose order is drawn at random when sales open; later ones in arrival order. */
    RANDOM_AT_OPEN,
    /** Straight in while nobody waits and fewer than {@code maxActive} are inside; above that, a line as usual. */
    PASSTHROUGH,
    /** Nobody is admitted; arrivals still join and positions still count, until the mode changes. */
    QUEUE_ALL,
    /** New arrivals are turned away with the state {@code CLOSED} and the operator's message; the line already there goes on. */
    CLOSED;

    /** What an event has before anyone changes it: today's pre-queue draw, then arrival order. */
    static final QueueMode DEFAULT = RANDOM_AT_OPEN;
}

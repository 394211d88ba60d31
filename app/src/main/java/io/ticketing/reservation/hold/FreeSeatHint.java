package io.ticketing.reservation.hold;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Where the first free seat of a pool (an event's public lane, or one of its presale lanes)
 * probably is: a lane's seats are the first ones of the seat map, which the public lane's scans
 * would step over on every read without a hint of their own. Best-available reads free seats in id order;
 * during a rush the front of that order fills up, and an index scan from the very first seat would
 * wade through every seat already taken (and, in InnoDB, through index entries not yet purged).
 * Scanning from the hint skips them. Seats this instance releases lower it at once; seats released
 * below it elsewhere are found by a refusal, which is only answered after a scan from the first
 * seat ({@link BatchHolds}), and by the reset every few seconds.
 *
 * <p>A hint nobody asked for in a minute is forgotten (it would have been reset long before), and
 * at most 10,000 pools keep one: a lost hint costs one scan from the first seat.
 */
@Component
class FreeSeatHint {

    private static final long RESET_NANOS = 5_000_000_000L;
    static final Duration FORGET_AFTER = Duration.ofMinutes(1);
    private static final int MAX_POOLS = 10_000;

    private final Cache<SeatPool, long[]> hints;
    private final LongSupplier nanoTime;

    FreeSeatHint() {
        this(System::nanoTime);
    }

    /** With the clock the resets go by, so that a test can move it. */
    FreeSeatHint(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        // Housekeeping on the calling thread: a few map operations, and a test sees evictions at once.
        this.hints = Caffeine.newBuilder().ticker(nanoTime::getAsLong).executor(Runnable::run)
            .expireAfterAccess(FORGET_AFTER).maximumSize(MAX_POOLS).build();
    }

    /** The seat id to start scanning from. */
    long from(SeatPool pool) {
        long[] hint = hints.get(pool, id -> new long[] {0, nanoTime.getAsLong()});
        synchronized (hint) {
            if (nanoTime.getAsLong() - hint[1] > RESET_NANOS) {
                hint[0] = 0;
                hint[1] = nanoTime.getAsLong();
            }
            return hint[0];
        }
    }

    /** Seat {@code seatId} is free (again): scans start at it or below from now on. */
    void lower(SeatPool pool, long seatId) {
        long[] hint = hints.getIfPresent(pool);
        if (hint != null) {
            synchronized (hint) {
                hint[0] = Math.min(hint[0], seatId);
            }
        }
    }

    /** Nothing below {@code firstFree} was free when it was read. */
    void advance(SeatPool pool, long firstFree) {
        long[] hint = hints.get(pool, id -> new long[] {0, nanoTime.getAsLong()});
        synchronized (hint) {
            hint[0] = Math.max(hint[0], firstFree);
        }
    }

    /** Whether a hint of the pool is kept, for tests. */
    boolean remembers(SeatPool pool) {
        return hints.getIfPresent(pool) != null;
    }
}

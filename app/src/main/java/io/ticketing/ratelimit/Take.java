package io.ticketing.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * The limiter's answer to a take: whether the tokens were taken and, when not, which bucket was
 * empty and how long until it holds a token again. Every script that takes tokens answers a refusal
 * the same way, {@code {'LIMITED', bucket, ms to wait}} (what {@code takeFromEach} of
 * shared/take-token.lua finds), and anything else when the tokens were taken, so that {@link #of}
 * is the one reading of it, whatever else the script answers then.
 *
 * @param emptyBucket the empty bucket as its taker named it: {@value #ACCOUNT} or {@value #ADDRESS}
 *                    for the scripts that take from both (enter.lua, hold-gate.lua); empty when taken
 */
public record Take(boolean allowed, String emptyBucket, Duration retryAfter) {

    /** What a script answers first when a bucket was empty. */
    static final String LIMITED = "LIMITED";
    static final String ACCOUNT = "account";
    static final String ADDRESS = "address";

    static final Take ALLOWED = new Take(true, "", Duration.ZERO);

    static Take refused(String emptyBucket, Duration retryAfter) {
        return new Take(false, emptyBucket, retryAfter);
    }

    /** A script's answer (its integers come as {@link Number}s), as the take it stands for. */
    public static Take of(List<?> reply) {
        if (!LIMITED.equals(String.valueOf(reply.get(0)))) {
            return ALLOWED;
        }
        return refused(String.valueOf(reply.get(1)), Duration.ofMillis(((Number) reply.get(2)).longValue()));
    }

    /** Whether it was the client address's bucket that was empty, not the account's. */
    boolean byAddress() {
        return ADDRESS.equals(emptyBucket);
    }
}

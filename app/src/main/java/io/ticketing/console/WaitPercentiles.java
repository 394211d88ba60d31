package io.ticketing.console;

import java.util.Map;
import java.util.TreeMap;

/**
 * Percentiles of the entry-to-admission waits that admit.lua counts per log bucket
 * (shared/wait-histogram.lua): bucket 0 is under 100 ms, bucket b >= 1 is
 * [100 * 2^((b-1)/4), 100 * 2^(b/4)) ms. A percentile is the geometric middle of its bucket, so
 * it is within 10% of the true wait: fine for a console, and it costs one hash field per bucket
 * rather than one entry per waiter.
 */
final class WaitPercentiles {

    private static final double FIRST_BOUND_MS = 100;
    private static final int PER_DOUBLING = 4;

    private WaitPercentiles() {
    }

    /** The bucket of a wait, exactly as the Lua computes it. */
    static int bucketOf(long millis) {
        if (millis < FIRST_BOUND_MS) {
            return 0;
        }
        return (int) Math.floor(PER_DOUBLING * Math.log(millis / FIRST_BOUND_MS) / Math.log(2)) + 1;
    }

    /** The middle of a bucket, in ms. */
    static double middleMillis(int bucket) {
        if (bucket <= 0) {
            return FIRST_BOUND_MS / 2;
        }
        return FIRST_BOUND_MS * Math.pow(2, (2.0 * bucket - 1) / (2 * PER_DOUBLING));
    }

    /** The {@code quantile} (0-1] of the waits in seconds, to a tenth; null when there are none. */
    static Double seconds(Map<Integer, Long> buckets, double quantile) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        int bucket = 0;
        for (Map.Entry<Integer, Long> entry : new TreeMap<>(buckets).entrySet()) {
            bucket = entry.getKey();
            seen += entry.getValue();
            if (seen >= rank) {
                break;
            }
        }
        return Math.round(middleMillis(bucket) / 100) / 10.0;
    }
}

package io.ticketing.bench;

import java.util.Arrays;

/** The load's figures over one measured window: operations, failed ones, latency percentiles and throughput. */
public record Result(String name, int requests, int errors, double p50Ms, double p99Ms, double perSecond) {

    /** The figures of {@code count} operations, with their latencies in nanoseconds (in any order), done in {@code elapsedNanos}. */
    public static Result of(String name, long[] latencies, int count, int errors, long elapsedNanos) {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new Result(name, count, errors, percentile(sorted, 50), percentile(sorted, 99), count / (elapsedNanos / 1e9));
    }

    /** Percentile in milliseconds of sorted nanosecond samples, nearest rank; NaN for none. */
    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1e6;
    }

    /** Successful operations per second. */
    public double okPerSecond() {
        return requests == 0 ? 0 : perSecond * (requests - errors) / requests;
    }
}

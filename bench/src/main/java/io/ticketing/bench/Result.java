package io.ticketing.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The load's figures over one measured window: operations, failed ones, latency percentiles and throughput. */
public record Result(String name, int requests, int errors, double p50Ms, double p99Ms, double perSecond) {

    /** Three significant digits: a percentile is at most 0.1% above the latency it stands for. */
    private static final int SIGNIFICANT_DIGITS = 3;

    /**
     * An empty record of latencies in nanoseconds, written from any number of threads at once. Its
     * size grows with the range of the latencies, not with how many operations a window records.
     */
    public static Histogram latencies() {
        return new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    }

    /** The figures of the operations recorded in {@code latencies}, done in {@code elapsedNanos}. */
    public static Result of(String name, Histogram latencies, int errors, long elapsedNanos) {
        int count = (int) latencies.getTotalCount();
        return new Result(name, count, errors, percentile(latencies, 50), percentile(latencies, 99), count / (elapsedNanos / 1e9));
    }

    /** The figures of operations with these latencies in nanoseconds, in any order. */
    public static Result of(String name, long[] latencyNanos, int errors, long elapsedNanos) {
        Histogram latencies = latencies();
        for (long nanos : latencyNanos) {
            latencies.recordValue(nanos);
        }
        return of(name, latencies, errors, elapsedNanos);
    }

    /** Percentile in milliseconds; NaN for none. */
    static double percentile(Histogram latencies, double p) {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(p) / 1e6;
    }

    /** Successful operations per second. */
    public double okPerSecond() {
        return requests == 0 ? 0 : perSecond * (requests - errors) / requests;
    }
}

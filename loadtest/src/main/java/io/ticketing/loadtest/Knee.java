package io.ticketing.loadtest;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The breakdown run's verdict: per arrival level, throughput, the worst p99 of its steps and its
 * error rate; the knee is the first level whose p99 exceeds the limit or whose errors exceed 1%.
 */
record Knee(Map<Integer, Level> levels, long p99LimitMillis, Integer kneeRate) {

    record Level(int rate, long requests, long ko, long worstP99, String worstStep, double arrivalsPerSecond) {

        double errorPercent() {
            return requests == 0 ? 0 : 100.0 * ko / requests;
        }

        boolean broken(long p99Limit) {
            return worstP99 > p99Limit || errorPercent() > 1.0;
        }
    }

    static Knee find(List<GatlingReport.Step> steps, long levelSeconds, long p99Limit) {
        Map<Integer, Level> levels = new TreeMap<>();
        for (GatlingReport.Step step : steps) {
            int at = step.name().lastIndexOf(" @ ");
            if (at < 0) {
                continue;
            }
            String name = step.name().substring(0, at);
            int rate = Integer.parseInt(step.name().substring(at + 3).replace("/s", ""));
            Level previous = levels.getOrDefault(rate, new Level(rate, 0, 0, 0, "", 0));
            boolean worse = step.p99() > previous.worstP99();
            levels.put(rate, new Level(rate, previous.requests() + step.total(), previous.ko() + step.ko(),
                worse ? step.p99() : previous.worstP99(), worse ? name : previous.worstStep(),
                name.equals("sign in") ? (double) step.total() / levelSeconds : previous.arrivalsPerSecond()));
        }
        Integer knee = levels.values().stream().filter(level -> level.broken(p99Limit)).map(Level::rate).findFirst().orElse(null);
        return new Knee(levels, p99Limit, knee);
    }

    private String held() {
        return levels.values().stream().filter(level -> level.rate() < kneeRate).reduce((first, second) -> second)
            .map(level -> "; " + level.rate() + "/s held").orElse("");
    }

    void print(PrintStream out) {
        out.printf("Breakdown by arrival level (knee: worst step p99 over %d ms or errors over 1%%):%n", p99LimitMillis);
        out.printf("  %-10s %12s %10s %8s %10s  %s%n", "level", "arrivals/s", "requests", "KO %", "worst p99", "slowest step");
        levels.values().forEach(level -> out.printf("  %-10s %12.1f %,10d %7.2f%% %8d ms  %s%s%n", level.rate() + "/s", level.arrivalsPerSecond(),
            level.requests(), level.errorPercent(), level.worstP99(), level.worstStep(), level.broken(p99LimitMillis) ? "   <- over" : ""));
        out.println(kneeRate == null
            ? "  No knee within the levels tried: raise --levels or --step to find it."
            : "  Knee: " + kneeRate + " arrivals/s, the first level over the limit" + held() + ".");
    }
}

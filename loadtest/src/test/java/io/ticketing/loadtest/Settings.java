package io.ticketing.loadtest;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A run's knobs, from system properties ({@code -Dusers=2000}); the run script turns its
 * {@code --users 2000} options into these. Defaults finish in about two minutes on a 2-core
 * machine against the local service.
 */
record Settings(String baseUrl, int users, Duration duration, int seats, int seatsPerUser, double giveUpShare,
                int admissionRate, int maxActive, Duration maxWait, int seededUsers, String adminEmail, String adminPassword,
                Path runDir, double cancelShare, int rate, int step, int levels, Duration levelDuration, Presale presale) {

    /**
     * The presale scenario's knobs: the share of buyers who are fans with the lane's code, the share
     * of seats in the lane's quota, when (after the run starts) the lane closes and when it returns
     * its unsold seats, the share of holds left to expire, the share of offers taken, and how long a
     * buyer told "sold out" tries to join the waiting list, and then looks for an offer.
     */
    record Presale(double fanShare, double laneShare, Duration laneClose, Duration laneReturn, double abandonShare, double takeShare,
                   Duration listWait) {
    }

    static Settings fromSystem() {
        Options o = new Options(new String[0]);
        return new Settings(
            o.string("baseUrl", "http://localhost:8080"),
            (int) o.number("users", 2_000),
            Duration.ofSeconds(o.number("duration", 30)),
            (int) o.number("seats", 3_000),
            (int) o.number("seatsPerUser", 2),
            Double.parseDouble(o.string("giveUpShare", "0.1")),
            (int) o.number("admissionRate", 200),
            (int) o.number("maxActive", 1_000),
            Duration.ofSeconds(o.number("maxWait", 180)),
            (int) o.number("seededUsers", 10_000),
            o.string("adminEmail", System.getenv().getOrDefault("ADMIN_EMAIL", "admin@ticketing.local")),
            o.string("adminPassword", System.getenv().getOrDefault("ADMIN_PASSWORD", "admin-password")),
            Path.of(o.string("runDir", "target/runs/latest")),
            Double.parseDouble(o.string("cancelShare", "0")),
            (int) o.number("rate", 100),
            (int) o.number("step", 100),
            (int) o.number("levels", 10),
            Duration.ofSeconds(o.number("levelSeconds", 10)),
            new Presale(
                Double.parseDouble(o.string("fanShare", "0.25")),
                Double.parseDouble(o.string("laneShare", "0.33")),
                // Unset: three quarters into the arrivals, once the fans (the first half's) are through.
                Duration.ofSeconds(o.number("laneClose", Math.max(1, o.number("duration", 30) * 3 / 4))),
                // Unset: once the public sale has sold out and its waiting list opened, which takes a hold TTL
                // (walk-aways) and an admission's life or two (the places they keep) after the arrivals, with
                // the run script's 15 s and 30 s; returned before, the seats would just be sold in the line.
                Duration.ofSeconds(o.number("laneReturn", o.number("duration", 30) + 75)),
                Double.parseDouble(o.string("abandonShare", "0")),
                Double.parseDouble(o.string("takeShare", "0.5")),
                Duration.ofSeconds(o.number("listWait", 60))));
    }

    /** Buyers who enter with the lane's code; the rest enter the public line. */
    int fans() {
        return (int) Math.round(users * presale.fanShare());
    }

    /** The lane's quota: its share of the seats, at least one. */
    int laneQuota() {
        return Math.max(1, (int) Math.round(seats * presale.laneShare()));
    }

    String describe() {
        return "baseUrl=%s users=%d duration=%ds seats=%d seatsPerUser=%d giveUpShare=%.2f cancelShare=%.2f admissionRate=%d/s maxActive=%d maxWait=%ds"
            .formatted(baseUrl, users, duration.toSeconds(), seats, seatsPerUser, giveUpShare, cancelShare, admissionRate, maxActive,
                maxWait.toSeconds());
    }

    String describePresale() {
        return "%s (1 to seatsPerUser each) fans=%d laneQuota=%d laneClose=%ds laneReturn=%ds abandonShare=%.2f takeShare=%.2f listWait=%ds"
            .formatted(describe(), fans(), laneQuota(), presale.laneClose().toSeconds(), presale.laneReturn().toSeconds(), presale.abandonShare(),
                presale.takeShare(), presale.listWait().toSeconds());
    }

    String describeRamp() {
        return "baseUrl=%s arrivals from %d/s, +%d/s per level, %d levels of %ds".formatted(baseUrl, rate, step, levels, levelDuration.toSeconds());
    }
}

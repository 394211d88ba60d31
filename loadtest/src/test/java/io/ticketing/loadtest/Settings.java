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
                Path runDir, double cancelShare, int rate, int step, int levels, Duration levelDuration) {

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
            Duration.ofSeconds(o.number("levelSeconds", 10)));
    }

    String describe() {
        return "baseUrl=%s users=%d duration=%ds seats=%d seatsPerUser=%d giveUpShare=%.2f cancelShare=%.2f admissionRate=%d/s maxActive=%d maxWait=%ds"
            .formatted(baseUrl, users, duration.toSeconds(), seats, seatsPerUser, giveUpShare, cancelShare, admissionRate, maxActive,
                maxWait.toSeconds());
    }

    String describeRamp() {
        return "baseUrl=%s arrivals from %d/s, +%d/s per level, %d levels of %ds".formatted(baseUrl, rate, step, levels, levelDuration.toSeconds());
    }
}

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
        return new Settings(
            string("baseUrl", "http://localhost:8080"),
            (int) number("users", 2_000),
            Duration.ofSeconds(number("duration", 30)),
            (int) number("seats", 3_000),
            (int) number("seatsPerUser", 2),
            Double.parseDouble(string("giveUpShare", "0.1")),
            (int) number("admissionRate", 200),
            (int) number("maxActive", 1_000),
            Duration.ofSeconds(number("maxWait", 180)),
            (int) number("seededUsers", 10_000),
            string("adminEmail", System.getenv().getOrDefault("ADMIN_EMAIL", "admin@ticketing.local")),
            string("adminPassword", System.getenv().getOrDefault("ADMIN_PASSWORD", "admin-password")),
            Path.of(string("runDir", "target/runs/latest")),
            Double.parseDouble(string("cancelShare", "0")),
            (int) number("rate", 100),
            (int) number("step", 100),
            (int) number("levels", 10),
            Duration.ofSeconds(number("levelSeconds", 10)));
    }

    static String string(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static long number(String name, long fallback) {
        String value = string(name, null);
        try {
            return value == null ? fallback : Long.parseLong(value.replace("_", ""));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a whole number, got " + value);
        }
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

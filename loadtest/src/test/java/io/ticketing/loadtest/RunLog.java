package io.ticketing.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the virtual users saw, beside Gatling's own statistics: how each journey ended, which
 * reservations were confirmed to them (the invariant check looks each one up) and how long each
 * waited in the queue. Written to {@code run.json} in the run directory for the summary.
 */
final class RunLog {

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> queueWaitsMillis = new ConcurrentLinkedQueue<>();

    void outcome(String name) {
        outcomes.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    void confirmed(long reservationId) {
        confirmed.add(reservationId);
    }

    void waited(long millis) {
        queueWaitsMillis.add(millis);
    }

    void write(String scenario, Settings settings, List<Long> events, long startedAtMillis) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", scenario);
        run.put("settings", switch (scenario) {
            case "breakdown" -> settings.describeRamp();
            case "presale" -> settings.describePresale();
            default -> settings.describe();
        });
        run.put("levelSeconds", settings.levelDuration().toSeconds());
        run.put("baseUrl", settings.baseUrl());
        run.put("events", events);
        run.put("startedAt", startedAtMillis);
        run.put("endedAt", System.currentTimeMillis());
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((name, n) -> counts.put(name, n.sum()));
        run.put("outcomes", counts);
        run.put("confirmedReservations", new ArrayList<>(confirmed));
        run.put("queueWaitsMillis", new ArrayList<>(queueWaitsMillis));
        try {
            Files.createDirectories(settings.runDir());
            Path file = settings.runDir().resolve("run.json");
            JsonMapper.builder().build().writeValue(file.toFile(), run);
            System.out.println("Run log written to " + file.toAbsolutePath());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

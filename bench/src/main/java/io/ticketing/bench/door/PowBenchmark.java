package io.ticketing.bench.door;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.ticketing.bench.Bench;

/**
 * The waiting room's door (issue #24), from both sides. First the buyer's: how long the page's
 * proof-of-work solver ({@code pow-worker.js}, as the service ships it) takes in headless Chromium
 * at each difficulty, with SubtleCrypto and with its pure-JS fallback, on random challenges. Then
 * the service's: CPU per queue entry with the door off and on ({@link DoorCost}).
 *
 * <pre>bench/run pow [-Dbench.bits=16,18,20,22,24 -Dbench.solves=20 -Dbench.row-seconds=120
 *                 -Dbench.engines=subtle,js -Dbench.parts=browser,service -Dbench.warmup=30 ...]</pre>
 */
public final class PowBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A few solves always, however slow, for a median to mean anything. */
    private static final int LEAST_SOLVES = 3;

    private PowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] difficulties = Arrays.stream(System.getProperty("bench.bits", "16,18,20,22,24").split(",")).map(String::strip)
            .mapToInt(Integer::parseInt).toArray();
        int solves = Bench.intProperty("bench.solves", 20);
        int rowSeconds = Bench.intProperty("bench.row-seconds", 120);
        List<String> engines = List.of(System.getProperty("bench.engines", "subtle,js").split(","));
        List<String> parts = List.of(System.getProperty("bench.parts", "browser,service").split(","));
        int warmup = Bench.warmupSeconds();
        Bench.header("The door's proof of work: solving in the browser" + (parts.contains("service") ? ", verifying in the service" : ""),
            "bench/run pow -Dbench.bits=" + System.getProperty("bench.bits", "16,18,20,22,24") + " -Dbench.solves=" + solves
                + " -Dbench.row-seconds=" + rowSeconds + " -Dbench.engines=" + String.join(",", engines)
                + " -Dbench.parts=" + String.join(",", parts) + " -Dbench.warmup=" + warmup + DoorCost.options());
        if (parts.contains("browser")) {
            solveTimes(difficulties, solves, rowSeconds, engines, warmup);
        }
        if (parts.contains("service")) {
            DoorCost.run(warmup);
        }
        System.exit(0);
    }

    private static void solveTimes(int[] difficulties, int solves, int rowSeconds, List<String> engines, int warmup) throws Exception {
        try (HeadlessSolver browser = HeadlessSolver.start()) {
            System.out.printf("browser: %s headless, worker %s, page on http://127.0.0.1 (secure context, SubtleCrypto %s)%n",
                browser.browser(), HeadlessSolver.WORKER, browser.hasSubtleCrypto() ? "present" : "MISSING");
            String loadAtStart = loadAverage();
            System.out.printf("warm-up: %d s of solves at %d bits with each engine ...%n", warmup, difficulties[0]);
            long warmUntil = System.nanoTime() + warmup * 1_000_000_000L;
            int warmSolves = 0;
            while (System.nanoTime() < warmUntil) {
                browser.solve(challenge(), difficulties[0], engines.get(warmSolves++ % engines.size()));
            }
            System.out.printf("warm-up: %d solves done%n", warmSolves);

            List<String> rows = new ArrayList<>();
            for (String engine : engines) {
                for (int bits : difficulties) {
                    List<HeadlessSolver.Solve> done = new ArrayList<>();
                    long rowEnds = System.nanoTime() + rowSeconds * 1_000_000_000L;
                    while (done.size() < solves && (done.size() < LEAST_SOLVES || System.nanoTime() < rowEnds)) {
                        done.add(browser.solve(challenge(), bits, engine));
                    }
                    rows.add(row(bits, done));
                    System.out.printf("measured: %s at %d bits, %d solves%n", engine, bits, done.size());
                }
            }
            System.out.printf("load average (1, 5, 15 min) at the start: %s, at the end: %s, on %d cores: a solve keeps about one%n"
                + "  busy, so a load well above 1 means the rows shared the CPU with other work%n",
                loadAtStart, loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.println();
            System.out.printf("%-7s %4s %6s %10s %10s %12s %12s %11s %7s%n",
                "engine", "bits", "solves", "median ms", "p95 ms", "mean tried", "2^bits", "hashes/s", "invalid");
            rows.forEach(System.out::println);
            System.out.println("""
                engine: subtle is crypto.subtle.digest (secure contexts only: https, or http on localhost), js the worker's
                  pure-JS SHA-256, what a page served over plain http from another host falls back to. A solve is timed in
                  the page from creating its worker to its answer. p95: nearest rank. hashes/s: counters tried over the
                  time spent solving. mean tried: counters tried per solve (geometric, mean 2^bits, so a row's spread is
                  wide). A difficulty's solves stop after -Dbench.row-seconds (at least 3). invalid: answers this JVM's
                  SHA-256 rejects (must be 0).""");
        }
    }

    /** A row, named by the engine the worker says it used: a page without SubtleCrypto would have fallen back. */
    private static String row(int bits, List<HeadlessSolver.Solve> done) {
        double[] ms = done.stream().mapToDouble(HeadlessSolver.Solve::ms).sorted().toArray();
        long tried = done.stream().mapToLong(HeadlessSolver.Solve::tried).sum();
        double totalMs = Arrays.stream(ms).sum();
        long invalid = done.stream().filter(solve -> !solve.valid()).count();
        return "%-7s %4d %6d %10.0f %10.0f %12.0f %12d %11.0f %7d".formatted(done.get(0).engine(), bits, done.size(), nearestRank(ms, 50),
            nearestRank(ms, 95), (double) tried / done.size(), 1L << bits, tried / (totalMs / 1000), invalid);
    }

    /** The machine's load averages from /proc/loadavg: the browser rows have no CPU table to show what else ran. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    static double nearestRank(double[] sorted, double percentile) {
        return sorted[Math.max(0, (int) Math.ceil(percentile / 100 * sorted.length) - 1)];
    }

    /**
     * A random challenge shaped as the service's, signed payload and all: its length sets how many
     * SHA-256 blocks each try hashes (three).
     */
    private static String challenge() {
        String payload = "door1." + RANDOM.nextInt(1, 100_000) + "." + RANDOM.nextLong(1, 10_000_000) + ".20."
            + (System.currentTimeMillis() + 120_000) + "." + HexFormat.of().toHexDigits(RANDOM.nextLong())
            + HexFormat.of().toHexDigits(RANDOM.nextLong());
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "." + base64.encodeToString(signature);
    }
}

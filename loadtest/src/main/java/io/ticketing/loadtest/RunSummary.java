package io.ticketing.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.ticketing.testsupport.Invariants;

/**
 * After a run: the invariant check read straight from the database, and a summary of what the
 * virtual users went through (requests, errors by kind, latency per step, reservations per
 * second, time spent waiting in the queue), with the path of Gatling's HTML report. Exits 1 when
 * an invariant is broken.
 *
 * <pre>./mvnw -q -pl loadtest exec:java -Dexec.mainClass=io.ticketing.loadtest.RunSummary -Dexec.args="--run-dir … --report-dir …"</pre>
 */
public final class RunSummary {

    private static final JsonMapper json = JsonMapper.builder().build();

    private RunSummary() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path runDir = Path.of(options.string("run-dir", "target/runs/latest"));
        JsonNode run = json.readTree(runDir.resolve("run.json").toFile());
        Path reportDir = options.string("report-dir", null) != null
            ? Path.of(options.string("report-dir", null))
            : GatlingReport.latest(Path.of(options.string("gatling-dir", "loadtest/target/gatling")), run.get("scenario").asString());
        GatlingReport report = GatlingReport.read(reportDir);

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Figures figures;
        try (Connection db = DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword())) {
            figures = print(out, run, report, db, options.number("p99-limit", 500));
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        Files.writeString(runDir.resolve("summary.txt"), text);
        json.writeValue(runDir.resolve("summary.json").toFile(), figures);
        System.out.println("Summary written to " + runDir.resolve("summary.txt").toAbsolutePath());
        if (!figures.invariantsHold()) {
            System.exit(1);
        }
    }

    static Figures print(PrintStream out, JsonNode run, GatlingReport report, Connection db, long p99Limit) throws SQLException {
        double seconds = (run.get("endedAt").asLong() - run.get("startedAt").asLong()) / 1000.0;
        out.printf("%n==== Load test summary: %s ====%n", run.get("scenario").asString());
        out.printf("Settings: %s%n", run.get("settings").asString());
        out.printf("Machine:  %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
            System.getProperty("os.arch"), System.getProperty("java.version"));
        out.printf("Duration: %.1f s%n%n", seconds);

        steps(out, report);
        out.println();
        if (report.steps().stream().anyMatch(step -> step.name().contains(" @ "))) {
            Knee.find(report.steps(), run.get("levelSeconds").asLong(), p99Limit).print(out);
            out.println();
        }
        errors(out, report);
        out.println();

        out.println("How journeys ended:");
        run.get("outcomes").properties().forEach(entry -> out.printf("  %-40s %,8d%n", entry.getKey(), entry.getValue().asLong()));
        int confirmed = run.get("confirmedReservations").size();
        boolean buying = List.of("spike", "soak", "presale").contains(run.get("scenario").asString());
        if (buying) {
            out.printf("Reservations confirmed: %,d (%.1f per second over the run)%n%n", confirmed, confirmed / Math.max(seconds, 0.001));
            queueWaits(out, run.get("queueWaitsMillis"));
        }
        out.println();

        List<Long> events = new ArrayList<>();
        run.get("events").forEach(event -> events.add(event.asLong()));
        List<Long> confirmedIds = new ArrayList<>();
        run.get("confirmedReservations").forEach(id -> confirmedIds.add(id.asLong()));
        for (long event : events) {
            seats(out, db, run.get("baseUrl").asString(), event);
            PresaleFigures presale = PresaleFigures.read(db, event);
            if (presale.any()) {
                presale.print(out, Instant.ofEpochMilli(run.get("startedAt").asLong()));
            }
        }
        Invariants.Report invariants = Invariants.check(db, events, confirmedIds);
        invariants.print(out);
        out.printf("%nGatling report: %s%n", report.index().toUri());
        return new Figures(run.get("scenario").asString(), run.get("settings").asString(), seconds, report.steps(), report.errors(),
            confirmed, confirmed / Math.max(seconds, 0.001), waits(run.get("queueWaitsMillis")), invariants.clean());
    }

    /** The figures a side-by-side comparison needs, kept as summary.json beside summary.txt. */
    record Figures(String scenario, String settings, double seconds, List<GatlingReport.Step> steps, Map<String, Long> errors,
                   int confirmed, double confirmedPerSecond, long[] queueWaitMillis, boolean invariantsHold) {

        GatlingReport.Step step(String name) {
            return steps.stream().filter(step -> step.name().equals(name)).findFirst().orElse(null);
        }
    }

    private static long[] waits(JsonNode waits) {
        long[] millis = new long[waits.size()];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = waits.get(i).asLong();
        }
        java.util.Arrays.sort(millis);
        return millis;
    }

    private static void steps(PrintStream out, GatlingReport report) {
        out.printf("%-32s %9s %7s %7s %8s %8s %8s %8s %8s%n", "Step", "requests", "KO", "KO %", "req/s", "p50 ms", "p95 ms", "p99 ms",
            "max ms");
        for (GatlingReport.Step step : report.steps()) {
            out.printf("%-32s %,9d %,7d %6.2f%% %8.1f %8d %8d %8d %8d%n", shorten(step.name()), step.total(), step.ko(),
                step.total() == 0 ? 0 : 100.0 * step.ko() / step.total(), step.perSecond(), step.p50(), step.p95(), step.p99(), step.max());
        }
    }

    private static void errors(PrintStream out, GatlingReport report) {
        if (report.errors().isEmpty()) {
            out.println("Errors: none");
            return;
        }
        out.println("Errors by kind:");
        report.errors().forEach((message, count) -> out.printf("  %,8d  %s%n", count, message));
    }

    /** The distribution of enter → admitted, from the virtual users' own clocks. */
    static void queueWaits(PrintStream out, JsonNode waits) {
        long[] millis = waits(waits);
        if (millis.length == 0) {
            out.println("Queue wait: nobody waited on the stream (every buyer was admitted at once or none was)");
            return;
        }
        out.printf("Queue wait, enter → admitted (%,d buyers): p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s%n", millis.length,
            percentile(millis, 50) / 1000.0, percentile(millis, 90) / 1000.0, percentile(millis, 99) / 1000.0, millis[millis.length - 1] / 1000.0);
        long[] bounds = {1_000, 5_000, 10_000, 30_000, 60_000, 120_000, Long.MAX_VALUE};
        String[] labels = {"< 1 s", "1–5 s", "5–10 s", "10–30 s", "30–60 s", "1–2 min", "> 2 min"};
        int from = 0;
        for (int b = 0; b < bounds.length; b++) {
            int to = from;
            while (to < millis.length && millis[to] < bounds[b]) {
                to++;
            }
            int n = to - from;
            out.printf("  %-8s %,7d  %s%n", labels[b], n, "#".repeat((int) Math.ceil(50.0 * n / millis.length)));
            from = to;
        }
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The database's seat counts beside the ones the API reports (its cache lives at most a few seconds). */
    private static void seats(PrintStream out, Connection db, String baseUrl, long event) throws SQLException {
        Map<String, Long> counts = seatCounts(db, event, "SELECT status, COUNT(*) FROM seat WHERE event_id = ? GROUP BY status");
        out.printf("Event %d seats in the database: available %,d, held %,d, sold %,d%n", event, counts.get("AVAILABLE"), counts.get("HELD"),
            counts.get("SOLD"));
        Map<String, Long> forSale = publicSaleCounts(db, event);
        if (!forSale.equals(counts)) {
            out.printf("  for the public sale (less lanes' unsold seats and seats on offer): available %,d, held %,d, sold %,d%n",
                forSale.get("AVAILABLE"), forSale.get("HELD"), forSale.get("SOLD"));
        }
        String api = apiCounts(baseUrl, event, forSale);
        out.printf("  the API reports: %s%n", api);
    }

    /**
     * The seats as the API counts them: a presale lane's unsold seats are not the public sale's, and
     * seats on offer to the waiting list are one listed buyer's (the service's SeatRepository).
     */
    private static final String PUBLIC_SALE_COUNTS = """
        SELECT status, SUM(n) FROM (
            SELECT status, COUNT(*) AS n FROM seat WHERE event_id = ? GROUP BY status
            UNION ALL
            SELECT s.status, -COUNT(*) FROM lane l JOIN seat s ON s.lane_id = l.id
            WHERE l.event_id = ? AND s.status <> 'SOLD' GROUP BY s.status
            UNION ALL
            SELECT s.status, -COUNT(*) FROM reservation r JOIN seat s ON s.reservation_id = r.id
            WHERE r.status = 'OFFERED' AND r.event_id = ? AND s.lane_id IS NULL GROUP BY s.status) counted
        GROUP BY status""";

    static Map<String, Long> publicSaleCounts(Connection db, long event) throws SQLException {
        return seatCounts(db, event, PUBLIC_SALE_COUNTS);
    }

    /** Seat counts by status from {@code sql}, whose every parameter is the event. */
    private static Map<String, Long> seatCounts(Connection db, long event, String sql) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("AVAILABLE", 0L, "HELD", 0L, "SOLD", 0L));
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 1; i <= query.getParameterMetaData().getParameterCount(); i++) {
                query.setLong(i, event);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static String apiCounts(String baseUrl, long event, Map<String, Long> counts) {
        HttpClient client = HttpClient.newHttpClient();
        String last = "unreachable";
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events/" + event))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode detail = json.readTree(response.body());
                last = "available %,d, held %,d, sold %,d".formatted(detail.get("available").asLong(), detail.get("held").asLong(),
                    detail.get("sold").asLong());
                if (detail.get("available").asLong() == counts.get("AVAILABLE") && detail.get("held").asLong() == counts.get("HELD")
                    && detail.get("sold").asLong() == counts.get("SOLD")) {
                    return last + " (matches)";
                }
                Thread.sleep(500);
            }
            catch (IOException | RuntimeException e) {
                last = "unreachable (" + e.getMessage() + ")";
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last + " (DIFFERS from the database after 4 s)";
    }

    private static String shorten(String name) {
        return name.length() <= 32 ? name : name.substring(0, 31) + "…";
    }
}

package io.ticketing.bench.catalogue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.bench.Backends;
import io.ticketing.bench.Bench;
import io.ticketing.bench.CpuMeter;
import io.ticketing.bench.Measured;
import io.ticketing.bench.ServiceProcess;

/**
 * Seeds a large catalogue (default 1,000,000 events; resumable) and measures, through the service
 * in a process of its own, the first page of the listing, a page deep inside it reached by cursor,
 * and a name search, each alone and then at the given concurrency; then an event's detail and the
 * first page arriving at a fixed rate (open loop), as buyers do: the details of the 100 newest events.
 *
 * <pre>bench/run catalogue [-Dbench.events=1000000 -Dbench.requests=5000 -Dbench.concurrency=16 -Dbench.rate=2000 -Dbench.seconds=15
 *     -Dbench.warmup=30 -Dbench.db=ticketing_bench]</pre>
 */
public final class CatalogueBenchmark {

    static final List<String> ADJECTIVES = List.of("Crimson", "Electric", "Golden", "Silent", "Wild", "Neon", "Velvet", "Broken",
        "Midnight", "Paper", "Iron", "Lunar", "Arctic", "Burning", "Hidden", "Royal", "Savage", "Cosmic", "Hollow", "Scarlet");
    static final List<String> NOUNS = List.of("Tigers", "Wolves", "Harbor", "Echoes", "Rivers", "Kings", "Lanterns", "Comets",
        "Saints", "Engines", "Orchids", "Giants", "Ravens", "Pilots", "Mirrors", "Sirens", "Foxes", "Towers", "Dreamers", "Voyagers");
    static final List<String> KINDS = List.of("Live", "World Tour", "Acoustic Night", "Festival", "Reunion", "in Concert");

    /** How many events the detail requests spread over. */
    private static final int HOT = 100;

    private CatalogueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Bench.intProperty("bench.events", 1_000_000);
        int requests = Bench.intProperty("bench.requests", 5_000);
        int concurrency = Bench.intProperty("bench.concurrency", 16);
        int rate = Bench.intProperty("bench.rate", 2_000);
        int seconds = Bench.intProperty("bench.seconds", 15);
        int warmup = Bench.warmupSeconds();
        String db = System.getProperty("bench.db", Bench.DATABASE);
        Bench.header("Catalogue benchmark: " + events + " events",
            "bench/run catalogue -Dbench.events=" + events + " -Dbench.requests=" + requests
                + " -Dbench.concurrency=" + concurrency + " -Dbench.rate=" + rate + " -Dbench.seconds=" + seconds
                + " -Dbench.warmup=" + warmup + " -Dbench.db=" + db);

        Map<String, Object> settings = new HashMap<>(Bench.BENCH_SERVICE);
        settings.put("ticketing.db.name", db);
        Backends.emptyRedis(Bench.REDIS_DATABASE);
        List<Measured> rows = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.packaged("service", settings)) {
            CpuMeter cpu = CpuMeter.watching(service, Backends.REDIS_PORT);
            String deepCursor;
            long newest;
            try (Connection jdbc = Backends.jdbc(db)) {
                seed(jdbc, events);
                deepCursor = deepCursor(jdbc);
                newest = newestId(jdbc);
                explain(jdbc);
            }

            WebClient client = Bench.client(service.baseUrl(), concurrency);
            Supplier<Mono<Integer>> firstPage = () -> get(client, "/api/v1/events?limit=20");
            Supplier<Mono<Integer>> deepPage = () -> get(client, "/api/v1/events?limit=20&cursor=" + deepCursor);
            Supplier<Mono<Integer>> search = () -> get(client, "/api/v1/events?limit=20&query=" + randomPrefix());
            // Arrivals at a fixed rate are not held back by a small pool: one connection each while in flight.
            WebClient arrivals = Bench.client(service.baseUrl(), 512);
            // Buyers look at the events on sale, not at random ones: details of the HOT newest events, which the service caches.
            Supplier<Mono<Integer>> detail = () -> get(arrivals, "/api/v1/events/" + (newest - ThreadLocalRandom.current().nextInt(HOT)));

            Bench.warmUp(Duration.ofSeconds(warmup), concurrency, () -> switch (ThreadLocalRandom.current().nextInt(4)) {
                case 0 -> firstPage.get();
                case 1 -> deepPage.get();
                case 2 -> detail.get();
                default -> search.get();
            });
            // Concurrency 1 shows the latency of one request alone; the second run adds queueing on 2 cores.
            for (int c : new int[] {1, concurrency}) {
                int inFlight = c;
                rows.add(cpu.measure(() -> Bench.measure("first page, c=" + inFlight, requests, inFlight, firstPage)));
                rows.add(cpu.measure(() -> Bench.measure("deep page (90%), c=" + inFlight, requests, inFlight, deepPage)));
                rows.add(cpu.measure(() -> Bench.measure("name search, c=" + inFlight, requests, inFlight, search)));
            }
            int count = rate * seconds;
            rows.add(cpu.measure(() -> Bench.arrive("detail, " + rate + "/s", count, Duration.ofSeconds(seconds), i -> detail.get())));
            rows.add(cpu.measure(() -> Bench.arrive("first page, " + rate + "/s", count, Duration.ofSeconds(seconds),
                i -> get(arrivals, "/api/v1/events?limit=20"))));
        }
        Measured.print(rows);
        System.exit(0);
    }

    private static Mono<Integer> get(WebClient client, String uri) {
        return client.get().uri(uri).exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    private static String randomPrefix() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
        String noun = NOUNS.get(random.nextInt(NOUNS.size()));
        return (adjective + " " + noun.substring(0, 3)).replace(" ", "%20");
    }

    /** Tops the catalogue up to {@code target} events with multi-row inserts; a rerun resumes where it stopped. */
    private static void seed(Connection jdbc, int target) throws Exception {
        long existing = count(jdbc);
        if (existing >= target) {
            System.out.printf("seed: %,d events already present%n", existing);
            return;
        }
        System.out.printf("seed: %,d events present, inserting %,d ...%n", existing, target - existing);
        jdbc.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(existing);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        int batch = 5_000;
        try (PreparedStatement insert = jdbc.prepareStatement("""
                INSERT INTO event (name, venue, starts_at, sales_open_at, sales_close_at, capacity, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (long n = existing; n < target; n++) {
                Instant startsAt = now.plusSeconds(3600 + random.nextLong(3L * 365 * 24 * 3600));
                insert.setString(1, ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + NOUNS.get(random.nextInt(NOUNS.size()))
                    + " " + KINDS.get(random.nextInt(KINDS.size())) + " #" + n);
                insert.setString(2, "Venue " + random.nextInt(500));
                insert.setTimestamp(3, utc(startsAt));
                insert.setTimestamp(4, utc(startsAt.minus(60, ChronoUnit.DAYS)));
                insert.setTimestamp(5, utc(startsAt.minus(1, ChronoUnit.HOURS)));
                insert.setInt(6, 1000 + random.nextInt(50_000));
                insert.setTimestamp(7, utc(now));
                insert.addBatch();
                if ((n + 1) % batch == 0 || n + 1 == target) {
                    insert.executeBatch();
                    jdbc.commit();
                    if ((n + 1) % 100_000 == 0 || n + 1 == target) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.out.printf("seed: %,d / %,d events (%.0f rows/s)%n", n + 1, target, (n + 1 - existing) / seconds);
                    }
                }
            }
        }
        jdbc.setAutoCommit(true);
        try (Statement analyze = jdbc.createStatement()) {
            analyze.execute("ANALYZE TABLE event");
        }
    }

    /** The cursor that resumes the listing after the event 90% of the way down it. */
    private static String deepCursor(Connection jdbc) throws Exception {
        long upcoming;
        try (PreparedStatement count = jdbc.prepareStatement("SELECT COUNT(*) FROM event WHERE starts_at >= ?")) {
            count.setTimestamp(1, utc(Instant.now()));
            ResultSet rs = count.executeQuery();
            rs.next();
            upcoming = rs.getLong(1);
        }
        long offset = upcoming * 9 / 10;
        try (PreparedStatement row = jdbc.prepareStatement(
            "SELECT starts_at, id FROM event WHERE starts_at >= ? ORDER BY starts_at, id LIMIT 1 OFFSET " + offset)) {
            row.setTimestamp(1, utc(Instant.now()));
            ResultSet rs = row.executeQuery();
            rs.next();
            Instant startsAt = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            System.out.printf("deep page: resumes after row %,d of %,d upcoming events%n", offset + 1, upcoming);
            return startCursor(startsAt, rs.getLong(2));
        }
    }

    /**
     * The cursor the listing by start time gives after the event that starts at {@code startsAt}
     * with {@code id}, in the service's format (its web.Cursor): reaching that page by following
     * cursors would take tens of thousands of requests. Should the format change, the deep page
     * answers 400 and its row counts every request as an error.
     */
    private static String startCursor(Instant startsAt, long id) {
        String raw = "events-by-start\u001f" + ChronoUnit.MICROS.between(Instant.EPOCH, startsAt) + "\u001f" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The newest event's id: detail requests pick among the HOT below it. */
    private static long newestId(Connection jdbc) throws Exception {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void explain(Connection jdbc) throws Exception {
        Map<String, String> queries = Map.of(
            "first page", "SELECT id FROM event WHERE starts_at >= NOW() ORDER BY starts_at, id LIMIT 21",
            "deep page", "SELECT id FROM event WHERE starts_at >= '2028-01-01' AND (starts_at > '2028-01-01' OR id > 5) ORDER BY starts_at, id LIMIT 21",
            "name search", "SELECT id FROM event WHERE name LIKE 'Golden Tig%' AND starts_at >= NOW() ORDER BY name, id LIMIT 21");
        for (var query : queries.entrySet()) {
            try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + query.getValue())) {
                rs.next();
                System.out.printf("explain %-12s: type=%s key=%s rows~%s extra=%s%n", query.getKey(), rs.getString("type"),
                    rs.getString("key"), rs.getString("rows"), rs.getString("Extra"));
            }
        }
        System.out.println();
    }

    private static long count(Connection jdbc) throws Exception {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}

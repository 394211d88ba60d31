package io.ticketing.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import javax.crypto.spec.SecretKeySpec;

import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.testsupport.TestPasses;
import io.ticketing.testsupport.TestTokens;

/**
 * Shared plumbing for the benchmark commands, which are load generators only: the service runs
 * in a process of its own ({@link ServiceProcess}). The machine header, the settings and keys the
 * service process gets, the warm-up rule, and the load runners that report percentiles.
 * Benchmarks print figures; they never pass or fail on a number.
 */
public final class Bench {

    /** The benchmarks' own database and Redis database, apart from the service's and the tests'. */
    public static final String DATABASE = "ticketing_bench";
    public static final int REDIS_DATABASE = 2;
    /**
     * The key every benchmark's service process is given to sign and check tokens and passes:
     * those signed in this JVM are then the service's own.
     */
    public static final String JWT_SECRET = "bench-only-jwt-secret-never-for-a-real-sale";

    /** What every benchmark's service process is given, on top of application.yml. */
    public static final Map<String, Object> BENCH_SERVICE = Map.of("ticketing.db.name", DATABASE,
        "spring.data.redis.database", REDIS_DATABASE,
        // Explicit, so that a JWT_SECRET in the environment cannot make the service refuse this JVM's tokens.
        "ticketing.auth.jwt-secret", JWT_SECRET,
        // The load comes from this machine's loopback address: limit users, not the generator.
        "ticketing.rate-limits.exempt-client-ips", "127.0.0.1,0:0:0:0:0:0:0:1",
        // The hold benchmark cycles through its synthetic buyers many times over: it measures
        // commits, so each buyer's share must not run out (every hold still takes from it).
        "ticketing.reservations.max-seats-per-buyer", 1_000_000,
        "logging.level.root", "WARN");

    private static final JwtEncoder TOKENS = NimbusJwtEncoder.withSecretKey(
        new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).algorithm(MacAlgorithm.HS256).build();
    private static final TestPasses PASSES = new TestPasses(JWT_SECRET);

    /** The warm-up a measurement needs: a cold JVM runs at a fraction of its speed. */
    private static final int MIN_WARMUP_SECONDS = 30;

    /** What an open-loop arrival waits for its answer at most. */
    private static final Duration UNANSWERED = Duration.ofSeconds(30);

    private Bench() {
    }

    /** Prints the title, the command with every option's value, and the machine. */
    public static void header(String title, String command) {
        System.out.println("== " + title);
        System.out.println("command: " + command + (smoke() ? " -Dbench.smoke=true" : ""));
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
            + memoryGib() + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("generator jvm: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, args "
            + ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (smoke()) {
            System.out.println("SMOKE RUN (-Dbench.smoke=true): checks that the benchmark runs; its figures are not measurements");
        }
        System.out.println();
    }

    /**
     * Seconds of warm-up ({@code -Dbench.warmup}, default and least 30); a shorter one is refused
     * unless {@code -Dbench.smoke=true} says the run only checks that the benchmark works.
     */
    public static int warmupSeconds() {
        int seconds = intProperty("bench.warmup", MIN_WARMUP_SECONDS);
        if (seconds < MIN_WARMUP_SECONDS && !smoke()) {
            throw new IllegalArgumentException("-Dbench.warmup=" + seconds + " is too short to measure: a benchmark warms up for at least "
                + MIN_WARMUP_SECONDS + " s (add -Dbench.smoke=true to check only that it runs)");
        }
        return seconds;
    }

    private static boolean smoke() {
        return Boolean.getBoolean("bench.smoke");
    }

    public static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }

    /** A bearer token for a synthetic user, signed with the service's key: spares sign-ups in load tests. */
    public static String accessToken(long userId, String role) {
        return TestTokens.access(TOKENS, userId, role);
    }

    /**
     * An admission pass for {@code userId} to hold seats of {@code eventId}, valid for an hour:
     * holds are measured without walking the waiting room first.
     */
    public static String pass(long userId, long eventId) {
        return PASSES.pass(userId, eventId, Instant.now().plus(Duration.ofHours(1)));
    }

    /**
     * The bench service's Redis key {@code name}: its keys start with its database's name, as a
     * service's do by default (ticketing.redis.key-prefix).
     */
    public static String redisKey(String name) {
        return DATABASE + ":" + name;
    }

    /**
     * An HTTP client for load: a connection pool as large as the load needs, with no cap on
     * waiters, so that the client's own pool never shows up as the service's errors.
     */
    public static WebClient client(String baseUrl, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections).pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofMinutes(1)).build();
        return WebClient.builder().baseUrl(baseUrl)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    }

    /** An event on sale now, created through the API as the admin; answers its id. */
    public static long saleEvent(WebClient client, String adminToken, String name, int rows, int seatsPerRow) {
        Instant startsAt = Instant.now().plus(Duration.ofDays(60));
        Map<?, ?> event = client.post().uri("/api/v1/events").headers(h -> h.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "venue", "Bench Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", Instant.now().minus(Duration.ofHours(1)).toString(),
                "salesCloseAt", startsAt.minus(Duration.ofHours(1)).toString(),
                "sections", List.of(Map.of("name", "Floor", "rows", rows, "seatsPerRow", seatsPerRow))))
            .retrieve().bodyToMono(Map.class).block();
        return ((Number) event.get("id")).longValue();
    }

    /** Changes an event's waiting-room settings live, as the admin. */
    public static void queueSettings(WebClient client, String adminToken, long eventId, Map<String, Object> settings) {
        client.put().uri("/api/v1/admin/events/{id}/queue", eventId).headers(h -> h.setBearerAuth(adminToken))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
            .retrieve().toBodilessEntity().block();
    }

    /**
     * Starts {@code count} calls at a fixed rate whatever the latency (open loop), so that a slow
     * response cannot hold back the next arrivals and hide queueing.
     */
    public static Result arrive(String name, int count, Duration over, IntFunction<Mono<Integer>> call) {
        Histogram latencies = Result.latencies();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(count);
        long periodNanos = Math.max(1, over.toNanos() / count);
        long start = System.nanoTime();
        // Each arrival is its own subscription: a flatMap over thousands of calls in flight would
        // spend the load generator's CPU scanning its inner subscribers.
        Disposable pacer = Flux.interval(Duration.ofMillis(1)).subscribe(tick -> {
            long due = Math.min(count, (System.nanoTime() - start) / periodNanos + 1);
            while (issued.get() < due) {
                int i = issued.getAndIncrement();
                long t0 = System.nanoTime();
                // A call the service never answers counts as an error instead of holding the run open for good.
                call.apply(i).timeout(UNANSWERED).onErrorReturn(-1).defaultIfEmpty(-1)
                    .subscribe(status -> record(latencies, errors, t0, status), e -> finished.countDown(), finished::countDown);
            }
        });
        try {
            finished.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            pacer.dispose();
        }
        return Result.of(name, latencies, errors.get(), System.nanoTime() - start);
    }

    /** Runs calls back to back for {@code duration} at {@code concurrency}, discarding the figures: JIT warm-up. */
    public static void warmUp(Duration duration, int concurrency, Supplier<Mono<Integer>> call) {
        System.out.printf("warm-up: %d s at concurrency %d ...%n", duration.toSeconds(), concurrency);
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        Flux.range(0, concurrency)
            .flatMap(worker -> Mono.defer(call::get).onErrorReturn(-1).repeat(() -> System.nanoTime() < deadline), concurrency)
            .doOnNext(status -> done.incrementAndGet())
            .blockLast();
        System.out.printf("warm-up: %d requests done%n", done.get());
    }

    /** Keeps {@code concurrency} calls in flight for {@code duration}; a call answers its HTTP status. */
    public static Result run(String name, Duration duration, int concurrency, Supplier<Mono<Integer>> call) {
        Histogram latencies = Result.latencies();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Flux.range(0, concurrency)
            .flatMap(worker -> Mono.defer(() -> {
                long t0 = System.nanoTime();
                return call.get().onErrorReturn(-1).doOnNext(status -> record(latencies, errors, t0, status));
            }).repeat(() -> System.nanoTime() < deadline), concurrency)
            .blockLast();
        return Result.of(name, latencies, errors.get(), System.nanoTime() - start);
    }

    /** Sends {@code requests} calls with at most {@code concurrency} in flight; a call answers its HTTP status. */
    public static Result measure(String name, int requests, int concurrency, Supplier<Mono<Integer>> call) {
        Histogram latencies = Result.latencies();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Flux.range(0, requests)
            .flatMap(i -> Mono.defer(() -> {
                long t0 = System.nanoTime();
                return call.get().onErrorReturn(-1).doOnNext(status -> record(latencies, errors, t0, status));
            }), concurrency)
            .blockLast();
        return Result.of(name, latencies, errors.get(), System.nanoTime() - start);
    }

    private static void record(Histogram latencies, AtomicInteger errors, long startedAt, int status) {
        latencies.recordValue(System.nanoTime() - startedAt);
        if (status < 200 || status >= 300) {
            errors.incrementAndGet();
            ERRORS_BY_STATUS.merge(status, 1, Integer::sum);
        }
    }

    /** Failed calls by HTTP status (-1: no response at all) since the last {@link #takeErrors()}. */
    private static final Map<Integer, Integer> ERRORS_BY_STATUS = new ConcurrentSkipListMap<>();

    /** The failed calls by status since the last call, which are then forgotten. */
    static Map<Integer, Integer> takeErrors() {
        Map<Integer, Integer> errors = new TreeMap<>(ERRORS_BY_STATUS);
        errors.keySet().forEach(ERRORS_BY_STATUS::remove);
        return errors;
    }

    private static long memoryGib() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return Long.parseLong(line.replaceAll("\\D+", "")) / (1024 * 1024);
        }
        catch (Exception e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown model");
        }
        catch (Exception e) {
            return "unknown model";
        }
    }
}

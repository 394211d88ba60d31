package io.ticketing.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Instant;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import io.ticketing.TestTokens;
import io.ticketing.TicketingApplication;

/**
 * Shared plumbing for the benchmark commands: the machine header, an in-process service on a
 * random port, and a closed-loop load runner that reports percentiles. Benchmarks print figures;
 * they never pass or fail on a number.
 */
public final class Bench {

    /** Benchmarks keep their data apart from the service's and the tests': their own database and Redis database. */
    public static final Map<String, Object> BENCH_SERVICE = Map.of("ticketing.db.name", "ticketing_bench", "spring.data.redis.database", 2,
        // The load comes from this machine's loopback address: limit users, not the generator.
        "ticketing.rate-limits.exempt-client-ips", "127.0.0.1,0:0:0:0:0:0:0:1",
        // The hold benchmark cycles through its synthetic buyers many times over: it measures
        // commits, so each buyer's share must not run out (every hold still takes from it).
        "ticketing.reservations.max-seats-per-buyer", 1_000_000);

    private Bench() {
    }

    public static void header(String title, String command) {
        System.out.println("== " + title);
        System.out.println("command: " + command);
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
            + memoryGib() + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
            + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("jvm: max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, args "
            + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println();
    }

    /** Starts the whole service in this JVM against the local MariaDB and Redis. */
    public static ConfigurableApplicationContext startService(Map<String, Object> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN", "--logging.level.io.ticketing=WARN"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplication(TicketingApplication.class).run(args.toArray(String[]::new));
        if (properties.containsKey("spring.data.redis.database")) {
            // The benchmarks' own Redis database: waiting rooms left by an earlier run would keep
            // the admission ticker busy and distort this run's figures.
            try (var connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
                connection.serverCommands().flushDb();
            }
        }
        return context;
    }

    /**
     * An HTTP client for load: a connection pool as large as the load needs, with no cap on
     * waiters, so that the client's own pool never shows up as the service's errors.
     */
    public static WebClient client(ConfigurableApplicationContext service, int connections) {
        return client("http://127.0.0.1:" + port(service), connections);
    }

    /**
     * Event loops of the load generator's own, shared by its clients: closing a service instance
     * in this JVM disposes Reactor Netty's global resources, which would take the load down with it.
     */
    private static final LoopResources CLIENT_LOOPS = LoopResources.create("bench-client", Runtime.getRuntime().availableProcessors(), true);

    public static WebClient client(String baseUrl, int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections).pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofMinutes(1)).build();
        return WebClient.builder().baseUrl(baseUrl)
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool).runOn(CLIENT_LOOPS)))
            .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    }

    /** An event on sale now, created through the API as the admin; answers its id. */
    public static long saleEvent(WebClient client, String adminToken, String name, int rows, int seatsPerRow) {
        Instant startsAt = Instant.now().plus(Duration.ofDays(60));
        Map<?, ?> event = client.post().uri("/api/v1/events").headers(h -> h.setBearerAuth(adminToken))
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
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
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(settings)
            .retrieve().toBodilessEntity().block();
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A bearer token for a synthetic user, signed with the service's own key: spares sign-ups in load tests. */
    public static String accessToken(ConfigurableApplicationContext context, long userId, String role) {
        return TestTokens.access(context.getBean(JwtEncoder.class), userId, role);
    }

    /**
     * Starts {@code count} calls at a fixed rate whatever the latency (open loop), so that a slow
     * response cannot hold back the next arrivals and hide queueing.
     */
    public static Result arrive(String name, int count, Duration over, IntFunction<Mono<Integer>> call) {
        long[] latencies = new long[count];
        AtomicInteger done = new AtomicInteger();
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
                call.apply(i).onErrorReturn(-1).defaultIfEmpty(-1)
                    .subscribe(status -> record(latencies, done, errors, t0, status), e -> finished.countDown(), finished::countDown);
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
        return result(name, latencies, done.get(), errors.get(), System.nanoTime() - start);
    }

    public static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
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
        System.out.printf("warm-up: %d requests done%n%n", done.get());
    }

    /** Keeps {@code concurrency} calls in flight for {@code duration}; a call answers its HTTP status. */
    public static Result run(String name, Duration duration, int concurrency, Supplier<Mono<Integer>> call) {
        int capacity = 5_000_000;
        long[] latencies = new long[capacity];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Flux.range(0, concurrency)
            .flatMap(worker -> Mono.defer(() -> {
                long t0 = System.nanoTime();
                return call.get().onErrorReturn(-1).doOnNext(status -> record(latencies, done, errors, t0, status));
            }).repeat(() -> System.nanoTime() < deadline && done.get() < capacity - concurrency), concurrency)
            .blockLast();
        return result(name, latencies, done.get(), errors.get(), System.nanoTime() - start);
    }

    /** Sends {@code requests} calls with at most {@code concurrency} in flight; a call answers its HTTP status. */
    public static Result measure(String name, int requests, int concurrency, Supplier<Mono<Integer>> call) {
        long[] latencies = new long[requests];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        Flux.range(0, requests)
            .flatMap(i -> Mono.defer(() -> {
                long t0 = System.nanoTime();
                return call.get().onErrorReturn(-1).doOnNext(status -> record(latencies, done, errors, t0, status));
            }), concurrency)
            .blockLast();
        return result(name, latencies, done.get(), errors.get(), System.nanoTime() - start);
    }

    private static void record(long[] latencies, AtomicInteger done, AtomicInteger errors, long startedAt, int status) {
        latencies[done.getAndIncrement()] = System.nanoTime() - startedAt;
        if (status < 200 || status >= 300) {
            errors.incrementAndGet();
            ERRORS_BY_STATUS.merge(status, 1, Integer::sum);
        }
    }

    /** Failed calls by HTTP status (-1: no response at all) since the last {@link #printErrors()}. */
    private static final Map<Integer, Integer> ERRORS_BY_STATUS = new java.util.concurrent.ConcurrentSkipListMap<>();

    public static void printErrors() {
        if (!ERRORS_BY_STATUS.isEmpty()) {
            System.out.println("errors by status (-1 = no response): " + ERRORS_BY_STATUS);
            ERRORS_BY_STATUS.clear();
        }
    }

    private static Result result(String name, long[] latencies, int count, int errors, long elapsedNanos) {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new Result(name, count, errors, percentile(sorted, 50), percentile(sorted, 99), sorted[count - 1] / 1e6,
            count / (elapsedNanos / 1e9));
    }

    /** Percentile in milliseconds of nanosecond samples, nearest rank. */
    public static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(rank, sortedNanos.length - 1))] / 1e6;
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

    public record Result(String name, int requests, int errors, double p50Ms, double p99Ms, double maxMs, double perSecond) {

        public static void printHeader() {
            System.out.printf("%-32s %9s %7s %9s %9s %9s %10s %10s%n", "scenario", "requests", "errors", "p50 ms", "p99 ms", "max ms", "req/s", "ok/s");
        }

        /** Successful calls per second. */
        public double okPerSecond() {
            return requests == 0 ? 0 : perSecond * (requests - errors) / requests;
        }

        public void print() {
            System.out.printf("%-32s %9d %7d %9.2f %9.2f %9.2f %10.0f %10.0f%n", name, requests, errors, p50Ms, p99Ms, maxMs, perSecond, okPerSecond());
        }
    }
}
